// Saving a draft as it is filled in: each change waits a moment (more
// answers usually follow), then one PATCH with everything and the version
// last saved. One save at a time; changes made during a save go in the next.

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export interface DraftSaverOptions<B, R> {
  /** How long (ms) a change waits for the next before it is saved. */
  delay: number;
  /** Sends `body` on top of `version`; answers the saved record. */
  save: (version: number, body: B) => Promise<R>;
  versionOf: (saved: R) => number;
  same: (a: B, b: B) => boolean;
  onStatus: (status: SaveStatus) => void;
  onSaved: (saved: R, body: B) => void;
  onError: (error: unknown) => void;
}

export class DraftSaver<B, R> {
  private version: number;
  private body: B;
  private savedBody: B;
  private running: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private status: SaveStatus = 'saved';
  private stopped = false;

  constructor(
    version: number,
    body: B,
    private readonly options: DraftSaverOptions<B, R>,
  ) {
    this.version = version;
    this.body = body;
    this.savedBody = body;
  }

  get currentVersion(): number {
    return this.version;
  }

  get currentStatus(): SaveStatus {
    return this.status;
  }

  /** Nothing left to send. */
  get clean(): boolean {
    return this.running === null && this.options.same(this.body, this.savedBody);
  }

  private setStatus(s: SaveStatus) {
    if (this.status === s) return;
    this.status = s;
    if (!this.stopped) this.options.onStatus(s);
  }

  private clearTimer() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The form changed: save it after the delay. */
  change(body: B): void {
    this.body = body;
    this.clearTimer();
    if (this.options.same(body, this.savedBody) && this.running === null) {
      this.setStatus('saved');
      return;
    }
    if (this.status !== 'saving') this.setStatus('pending');
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.delay);
  }

  /** Saves now what is not saved yet; true when everything is saved. */
  flush(): Promise<boolean> {
    this.clearTimer();
    if (this.running) return this.running.then((ok) => (ok ? this.flush() : false));
    if (this.options.same(this.body, this.savedBody)) {
      this.setStatus('saved');
      return Promise.resolve(true);
    }
    const body = this.body;
    this.setStatus('saving');
    const run = this.options.save(this.version, body).then(
      (saved) => {
        this.running = null;
        this.version = this.options.versionOf(saved);
        this.savedBody = body;
        if (!this.stopped) this.options.onSaved(saved, body);
        // Changed while this save was on its way: save again.
        if (!this.options.same(this.body, body)) return this.flush();
        this.setStatus('saved');
        return true;
      },
      (e: unknown) => {
        this.running = null;
        this.setStatus('error');
        if (!this.stopped) this.options.onError(e);
        return false;
      },
    );
    this.running = run;
    return run;
  }

  /** Starts again from what the server has (after a reload). */
  reset(version: number, body: B): void {
    this.clearTimer();
    this.version = version;
    this.body = body;
    this.savedBody = body;
    this.setStatus('saved');
  }

  /** The screen is (back) on: report again (React's StrictMode unmounts and mounts once in development). */
  resume(): void {
    this.stopped = false;
  }

  /** The screen is going: send what is left, report nothing more. */
  stop(): void {
    const dirty = !this.options.same(this.body, this.savedBody);
    this.clearTimer();
    this.stopped = true;
    if (dirty && this.running === null) void this.flush();
  }
}
