// Whether a new version of the app waits to take over, and how to let it.
// The service worker's registration (register.ts) fills this in; the
// banner (components/UpdateBanner.tsx) reads it. Kept apart from
// register.ts so that tests and screens never load the service worker code.
import { useSyncExternalStore } from 'react';

export interface UpdateState {
  /** A new version is installed and waiting. */
  ready: boolean;
}

let state: UpdateState = { ready: false };
const listeners = new Set<() => void>();
let applier: (() => void) | null = null;

export function setUpdateReady(ready: boolean): void {
  if (state.ready === ready) return;
  state = { ready };
  listeners.forEach((l) => l());
}

/** How the update is applied (given by register.ts). */
export function setUpdateApplier(apply: () => void): void {
  applier = apply;
}

/** The helper asked for the update: the new version takes over and the page reloads. Only ever on request. */
export function applyUpdate(): void {
  if (applier) applier();
  else window.location.reload();
}

export function useUpdateState(): UpdateState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
