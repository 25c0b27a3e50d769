// Who is logged in. The session itself is an HttpOnly cookie; this module keeps
// the `Me` answer and reacts to the server ending the session. For helpers it
// also drives the device store (src/offline): set up at login with the
// password, attached at start, wiped at logout, and unlocked with the
// password when the app starts without a connection.
import { useSyncExternalStore } from 'react';
import { api, call, onAuthFailure } from '../api/client';
import { ApiError } from '../api/errors';
import type { Me, Permission } from '../api/types';
import {
  detachDevice,
  deviceLogin,
  deviceResume,
  offlineCandidate,
  onDeviceEvent,
  rewrapForNewPassword,
  unlockOffline,
  wipeDevice,
  type KnownStore,
} from '../offline';

export type LoginNotice = 'session_ended' | 'account_disabled' | 'device_revoked' | null;

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; notice: LoginNotice }
  /** `offline`: started without a connection, from the device store's copy of `Me`. */
  | { status: 'authenticated'; me: Me; offline?: boolean }
  /** The server could not be reached when the app started. */
  | { status: 'unreachable'; error: ApiError }
  /** The server could not be reached, but this device holds a helper's store: the password opens it. */
  | { status: 'offline_locked'; store: KnownStore; error: ApiError };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function setState(next: SessionState) {
  // Out of the app: the device store's key leaves memory (its data stays).
  if (next.status === 'anonymous' && state.status === 'authenticated') void detachDevice();
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

/** No answer, or none from Hamyar (a proxy's 5xx): the server cannot be reached. */
function unreachable(err: ApiError): boolean {
  return err.status === 0 || err.status >= 500 || err.code === 'timeout';
}

/** Asks the server who we are (on start, and on "try again" after a failed start). */
export async function loadSession(): Promise<void> {
  setState({ status: 'loading' });
  try {
    const me = await call(() => api.GET('/api/v1/me'));
    await deviceResume(me);
    setState({ status: 'authenticated', me });
  } catch (e) {
    const err = e as ApiError;
    if (err.status === 401 || err.status === 403) {
      // A cookie the server no longer honours means the session ended while
      // the app was closed (expiry, password change, disabled account): say
      // so. No cookie at all (`unauthenticated`) is a plain visitor.
      const notice: LoginNotice =
        err.code === 'account_disabled' ? 'account_disabled' : err.code === 'session_expired' ? 'session_ended' : null;
      setState({ status: 'anonymous', notice });
      return;
    }
    const store = unreachable(err) ? await offlineCandidate() : null;
    if (store) setState({ status: 'offline_locked', store, error: err });
    else setState({ status: 'unreachable', error: err });
  }
}

/** Offline start: the password opens the device store, and the app goes on as its user. WrongPasswordError on a wrong one. */
export async function unlockOfflineSession(password: string): Promise<Me> {
  if (state.status !== 'offline_locked') throw new Error('not offline');
  const me = await unlockOffline(state.store.user_id, password);
  setState({ status: 'authenticated', me, offline: true });
  return me;
}

// Started offline and the connection is back: ask who we are, quietly. A
// session gone meanwhile is left to the sync status ("log in again"), so a
// half-filled form is not taken away.
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    if (state.status !== 'authenticated' || !state.offline) return;
    void call(() => api.GET('/api/v1/me')).then(
      async (me) => {
        if (state.status !== 'authenticated' || !state.offline) return;
        await deviceResume(me);
        setState({ status: 'authenticated', me });
      },
      () => {},
    );
  });
}

onDeviceEvent((e) => {
  if (e !== 'revoked') return;
  // The device's data is already gone; end the session too (best effort).
  void call(() => api.POST('/api/v1/auth/logout')).catch(() => {});
  setState({ status: 'anonymous', notice: 'device_revoked' });
});

/** The sync found the session gone: to the login page (the device store and its unsent edits stay). */
export function signInAgain(): void {
  setState({ status: 'anonymous', notice: 'session_ended' });
}

export async function login(username: string, password: string): Promise<Me> {
  const me = await call(() => api.POST('/api/v1/auth/login', { body: { username, password } }));
  // A helper's device store opens (or is made) with the password just typed.
  await deviceLogin(me, password);
  setState({ status: 'authenticated', me });
  return me;
}

/**
 * Throws (and keeps the user logged in) when the server did not confirm: a
 * live cookie must not be left behind unknowingly. Then the device store is
 * wiped, unsent edits and all: the caller warns first.
 */
export async function logout(): Promise<void> {
  try {
    await call(() => api.POST('/api/v1/auth/logout'));
  } catch (e) {
    // Already logged out on the server: nothing left to end.
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
  }
  await wipeDevice();
  setState({ status: 'anonymous', notice: null });
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<Me> {
  const me = await call(() =>
    api.POST('/api/v1/me/password', { body: { current_password: currentPassword, new_password: newPassword } }),
  );
  // The device store's key goes under the new password, so the next offline unlock takes it.
  await rewrapForNewPassword(currentPassword, newPassword);
  setState({ status: 'authenticated', me });
  return me;
}

export function can(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** Minimum password length the server enforces (`weak_password`). */
export const MIN_PASSWORD_LENGTH = 10;
