// Who is logged in. The session itself is an HttpOnly cookie; this module keeps
// the `Me` answer and reacts to the server ending the session.
import { useSyncExternalStore } from 'react';
import { api, call, onAuthFailure } from '../api/client';
import { ApiError } from '../api/errors';
import type { Me, Permission } from '../api/types';

export type LoginNotice = 'session_ended' | 'account_disabled' | null;

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; notice: LoginNotice }
  | { status: 'authenticated'; me: Me }
  /** The server could not be reached when the app started. */
  | { status: 'unreachable'; error: ApiError };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function setState(next: SessionState) {
  state = next;
  listeners.forEach((l) => l());
}

export function getSession(): SessionState {
  return state;
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

// Any call that finds the session gone sends the user back to the login page
// with a notice. Only while logged in: the first /me of a visitor is expected to fail.
onAuthFailure((e) => {
  if (state.status !== 'authenticated') return;
  setState({ status: 'anonymous', notice: e.code === 'account_disabled' ? 'account_disabled' : 'session_ended' });
});

/** Asks the server who we are (on start, and on "try again" after a failed start). */
export async function loadSession(): Promise<void> {
  setState({ status: 'loading' });
  try {
    setState({ status: 'authenticated', me: await call(() => api.GET('/api/v1/me')) });
  } catch (e) {
    const err = e as ApiError;
    if (err.status === 401 || err.status === 403) {
      // A cookie the server no longer honours means the session ended while
      // the app was closed (expiry, password change, disabled account): say
      // so. No cookie at all (`unauthenticated`) is a plain visitor.
      const notice: LoginNotice =
        err.code === 'account_disabled' ? 'account_disabled' : err.code === 'session_expired' ? 'session_ended' : null;
      setState({ status: 'anonymous', notice });
    }
    else setState({ status: 'unreachable', error: err });
  }
}

export async function login(username: string, password: string): Promise<Me> {
  const me = await call(() => api.POST('/api/v1/auth/login', { body: { username, password } }));
  setState({ status: 'authenticated', me });
  return me;
}

/** Throws (and keeps the user logged in) when the server did not confirm: a live cookie must not be left behind unknowingly. */
export async function logout(): Promise<void> {
  try {
    await call(() => api.POST('/api/v1/auth/logout'));
  } catch (e) {
    // Already logged out on the server: nothing left to end.
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
  }
  setState({ status: 'anonymous', notice: null });
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<Me> {
  const me = await call(() =>
    api.POST('/api/v1/me/password', { body: { current_password: currentPassword, new_password: newPassword } }),
  );
  setState({ status: 'authenticated', me });
  return me;
}

export function can(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** Minimum password length the server enforces (`weak_password`). */
export const MIN_PASSWORD_LENGTH = 10;
