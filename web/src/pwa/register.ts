/// <reference types="vite-plugin-pwa/vanillajs" />
// Registers the service worker (production builds only; main.tsx). Updates
// are `prompt`: a new version waits until the helper asks for it, and the
// page never reloads on its own — not even when another tab applied the
// update — so a half-filled form is never lost.
import { setUpdateApplier, setUpdateReady } from './updateState';

const HOUR = 60 * 60_000;

let registration: ServiceWorkerRegistration | undefined;

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  let asked = false;
  const update = registerSW({
    onNeedRefresh: () => setUpdateReady(true),
    // The new worker took control (after our request, or another tab's):
    // reload only if this tab asked; otherwise offer it.
    onNeedReload: () => {
      if (asked) window.location.reload();
      else setUpdateReady(true);
    },
    onRegisteredSW: (_url, r) => {
      registration = r;
      // Long-lived tabs look for a new version now and then.
      setInterval(() => {
        if (navigator.onLine) void r?.update();
      }, HOUR);
    },
  });
  setUpdateApplier(() => {
    asked = true;
    // Waiting: tell it to take over (the reload follows). Already active
    // (another tab applied it): just reload onto it.
    if (registration?.waiting) void update(true);
    else window.location.reload();
  });
}

/** The server said this app is too old (426): look for the new version now. */
export function checkForUpdate(): void {
  void registration?.update();
}
