// How long a helper's assignment to a family still runs.

/** An assignment ending within this many days is flagged on the helper's cards. */
export const ENDING_SOON_DAYS = 30;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Today's ISO date in the viewer's time zone (the day the helper lives in). */
export function localIsoDate(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole calendar days from `fromIso` to `toIso` (negative when `toIso` is earlier); null for a malformed date. */
export function daysBetween(fromIso: string, toIso: string): number | null {
  const a = Date.parse(`${fromIso}T00:00:00Z`);
  const b = Date.parse(`${toIso}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.round((b - a) / 86_400_000);
}

export type EndingNotice = { kind: 'ended' } | { kind: 'today' } | { kind: 'soon'; days: number };

/**
 * What a card says about the end of an assignment: nothing while more than
 * ENDING_SOON_DAYS remain. `ends_on` is the last day the helper has the family.
 */
export function endingNotice(endsOn: string, today: string): EndingNotice | null {
  const days = daysBetween(today, endsOn);
  if (days === null || days > ENDING_SOON_DAYS) return null;
  if (days < 0) return { kind: 'ended' };
  if (days === 0) return { kind: 'today' };
  return { kind: 'soon', days };
}
