// What the assistance forms share when they write: a record's id made once
// per form (so a retry sends the same record, never a second one), and
// telling a retry whose first try had in fact arrived.
import { useRef } from 'react';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/errors';
import { formErrorFrom, type FormErrorState } from '../../i18n/errors';
import type { Lang } from '../../lib/locale';
import { uuidv7 } from '../../offline/uuidv7';

export interface WriteOutcome {
  ok: boolean;
  errors?: FormErrorState;
  /** The record changed or went meanwhile: the screen should reload. */
  stale?: boolean;
}

/**
 * A form's write: the same id on every try; a try whose answer was lost
 * (no connection, timeout) followed by `id` `taken` means the first one was
 * saved, which counts as done.
 */
export function useWrite() {
  const id = useRef<string>(uuidv7());
  const answerLost = useRef(false);
  return {
    id: id.current,
    async run(
      write: () => Promise<void>,
      fields: readonly string[],
      t: TFunction,
      lang: Lang,
      fieldOf?: (field: string) => string,
    ): Promise<WriteOutcome> {
      try {
        await write();
        return { ok: true };
      } catch (e) {
        if (e instanceof ApiError) {
          if (answerLost.current && e.code === 'validation' && e.field === 'id' && e.reason === 'taken') return { ok: true };
          if (e.code === 'network' || e.code === 'timeout') answerLost.current = true;
        }
        const stale = e instanceof ApiError && (e.code === 'version_conflict' || e.code === 'not_found');
        return { ok: false, errors: formErrorFrom(e, fields, t, lang, fieldOf), stale };
      }
    },
  };
}
