// A helper's home: the families assigned to them today, with their own
// training hours and caseload. Like families.ts this is the helper's own
// work, which the offline store will serve from the device later.
import { api, call } from '../api/client';
import type { MyFamilies } from '../api/types';

/** Active assignments (harmed first, then by name), my helper record and the program's numbers. */
export function myFamilies(): Promise<MyFamilies> {
  return call(() => api.GET('/api/v1/my/families'));
}
