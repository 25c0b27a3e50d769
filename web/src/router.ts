// A tiny history router: the app has a handful of fixed paths, which does not
// justify a routing library. The server must answer unknown non-API paths
// with index.html (SPA fallback) so reloads and deep links work.
import { useSyncExternalStore, type MouseEvent } from 'react';

const NAVIGATE_EVENT = 'hamyar:navigate';

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

/** Props for an <a> (or a Mantine component rendered as one) that navigates in-app. */
export function linkProps(to: string, after?: () => void) {
  return {
    href: to,
    onClick: (e: MouseEvent<HTMLElement>) => {
      // Let the browser handle new-tab and similar clicks.
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(to);
      after?.();
    },
  };
}
