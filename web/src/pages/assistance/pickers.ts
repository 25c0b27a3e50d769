// Options of the assistance forms' pickers, in words.
import type { TFunction } from 'i18next';
import type { ComboboxItem } from '@mantine/core';
import type { Lang } from '../../lib/locale';
import { formatDate } from '../../lib/jalali';
import type { AssistanceSource } from './backend';
import { receiverOf, type AssistanceMember, type Lookup } from './lookup';
import { fullName } from '../families/format';

/**
 * The directory as a searchable list: name, kind and area (what people
 * search by), plus resources the record already names that are no longer
 * in it.
 */
export function resourceOptions(source: AssistanceSource, t: TFunction, keep: readonly (string | null | undefined)[] = []): ComboboxItem[] {
  const items: ComboboxItem[] = source.resources.map((r) => ({
    value: r.id,
    label: [r.name, t(`casework.resources.kind.${r.kind}`), r.area].filter(Boolean).join(t('common.separator')),
  }));
  for (const id of keep) {
    if (!id || items.some((o) => o.value === id)) continue;
    const ref = source.assistance.resources.find((r) => r.id === id);
    if (ref) items.push({ value: id, label: t('assistance.timeline.removedResource', { name: ref.name }) });
  }
  return items;
}

/** The family as a whole (value '') or one member. */
export function memberOptions(members: readonly AssistanceMember[], t: TFunction): ComboboxItem[] {
  return [{ value: '', label: t('assistance.timeline.wholeFamily') }, ...members.map((m) => ({ value: m.id, label: fullName(m) }))];
}

/** The family's referrals a service may follow. */
export function referralOptions(source: AssistanceSource, lookup: Lookup, t: TFunction, lang: Lang): ComboboxItem[] {
  return source.assistance.referrals.map((r) => ({
    value: r.id,
    label: `${receiverOf(r, lookup, t)}${t('common.separator')}${formatDate(r.referred_on, lang)}`,
  }));
}
