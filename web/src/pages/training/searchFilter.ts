// Searching a Select's options as people type Persian: Arabic ي/ك find
// Persian ی/ک names, and digits of any script match.
import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { normalizeText } from '../../lib/digits';

const fold = (s: string) => normalizeText(s).toLowerCase().replace(/\s+/g, ' ').trim();

/** Options whose label contains what was typed, after normalizing both (groups are searched inside). */
export const persianFilter: OptionsFilter = ({ options, search }) => {
  const q = fold(search);
  if (!q) return options;
  const keep = (items: ComboboxParsedItem[]): ComboboxParsedItem[] =>
    items.flatMap((o): ComboboxParsedItem[] => {
      if ('group' in o) {
        const inner = keep(o.items);
        return inner.length > 0 ? [{ ...o, items: inner as typeof o.items }] : [];
      }
      return fold(o.label).includes(q) ? [o] : [];
    });
  return keep(options);
};
