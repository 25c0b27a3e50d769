// The helpers list's status filter in the address bar (`/helpers?status=…`),
// and the list as last shown, so "back" from a helper returns to it.
import { isHelperStatus, type HelperStatus } from '../../api/types';

export function statusFromSearch(search: string): HelperStatus | null {
  const v = new URLSearchParams(search).get('status');
  return isHelperStatus(v) ? v : null;
}

export function helpersListPath(status: HelperStatus | null): string {
  return status ? `/helpers?status=${status}` : '/helpers';
}

let lastStatus: HelperStatus | null = null;

export function rememberHelpersStatus(status: HelperStatus | null): void {
  lastStatus = status;
}

/** Back to the list as it was last shown. */
export function lastHelpersListPath(): string {
  return helpersListPath(lastStatus);
}
