// When the device store locks (docs/sync.md, "On the device"): after a spell
// without input (the data key leaves memory; the password opens it again,
// offline too), and when the last successful sync is older than the
// headquarters allow (only a sync, online, opens it again).

/** No input for this long locks the app. */
export const IDLE_LOCK_MS = 10 * 60_000;

const DAY_MS = 86_400_000;

/** What the lock screen asks for, or `open`/`closed` when there is none. */
export type LockState =
  /** The data key is in memory. */
  | 'open'
  /** The key is not in memory (the page was reloaded), but the screen is free: online work goes on; syncing and offline data need the password. */
  | 'closed'
  /** Locked after inactivity: the password opens it. */
  | 'idle'
  /** Not synced for longer than allowed: the password and a successful sync open it. */
  | 'stale'
  /** The password changed on the server and the store has unsent edits: the old password opens it once. */
  | 'password_changed';

/** Whether the lock covers the screen. */
export function coversScreen(lock: LockState): boolean {
  return lock === 'idle' || lock === 'stale' || lock === 'password_changed';
}

export function isStale(o: { lastSyncAt: string | null; createdAt: string | null; lockAfterDays: number | null; now: number }): boolean {
  if (o.lockAfterDays === null || !(o.lockAfterDays > 0)) return false;
  const since = Date.parse(o.lastSyncAt ?? o.createdAt ?? '');
  if (Number.isNaN(since)) return false;
  return o.now - since > o.lockAfterDays * DAY_MS;
}

const INPUT_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

export interface IdleWatchOptions {
  idleMs: number;
  onIdle: () => void;
  now?: () => number;
  /** Where input is listened for (the window). */
  target?: EventTarget;
  /** Keeps the time of the last input beyond a reload (throttled). */
  persist?: (at: number) => void;
}

/** Calls `onIdle` once when no input came for `idleMs`. `check()` is called by the owner's timer and when the page becomes visible. */
export class IdleWatch {
  private last: number;
  private persisted = 0;
  private running = false;
  private readonly now: () => number;
  private readonly onInput = () => this.touch();

  constructor(private readonly opts: IdleWatchOptions) {
    this.now = opts.now ?? Date.now;
    this.last = this.now();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.touch();
    const target = this.opts.target ?? (typeof window === 'undefined' ? undefined : window);
    for (const type of INPUT_EVENTS) target?.addEventListener(type, this.onInput, { capture: true, passive: true });
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    const target = this.opts.target ?? (typeof window === 'undefined' ? undefined : window);
    for (const type of INPUT_EVENTS) target?.removeEventListener(type, this.onInput, { capture: true });
  }

  touch(): void {
    this.last = this.now();
    // A write per input would be wasteful; a minute's precision is plenty.
    if (this.opts.persist && this.last - this.persisted > 15_000) {
      this.persisted = this.last;
      this.opts.persist(this.last);
    }
  }

  /** Locks when the time is up; returns whether it did. */
  check(): boolean {
    if (!this.running || this.now() - this.last < this.opts.idleMs) return false;
    this.stop();
    this.opts.onIdle();
    return true;
  }
}
