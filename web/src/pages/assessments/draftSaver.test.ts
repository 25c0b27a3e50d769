import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftSaver, type SaveStatus } from './draftSaver';

interface Saved {
  version: number;
  body: string;
}

/** A saver over a fake server whose answers the test releases one by one. */
function setup(initial = 'a') {
  const calls: { version: number; body: string; resolve: (v: Saved) => void; reject: (e: unknown) => void }[] = [];
  const statuses: SaveStatus[] = [];
  const errors: unknown[] = [];
  const saver = new DraftSaver<string, Saved>(1, initial, {
    delay: 500,
    save: (version, body) => new Promise<Saved>((resolve, reject) => calls.push({ version, body, resolve, reject })),
    versionOf: (s) => s.version,
    same: (a, b) => a === b,
    onStatus: (s) => statuses.push(s),
    onSaved: () => {},
    onError: (e) => errors.push(e),
  });
  return { saver, calls, statuses, errors };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DraftSaver', () => {
  it('waits for a pause, then saves everything once with the version', async () => {
    const { saver, calls, statuses } = setup();
    saver.change('ab');
    vi.advanceTimersByTime(300);
    saver.change('abc');
    vi.advanceTimersByTime(300);
    expect(calls).toHaveLength(0);
    expect(statuses).toEqual(['pending']);
    vi.advanceTimersByTime(250);
    expect(calls.map((c) => [c.version, c.body])).toEqual([[1, 'abc']]);
    expect(saver.currentStatus).toBe('saving');
    calls[0]!.resolve({ version: 2, body: 'abc' });
    await vi.runAllTimersAsync();
    expect(saver.currentStatus).toBe('saved');
    expect(saver.currentVersion).toBe(2);
    expect(saver.clean).toBe(true);
  });

  it('sends changes made during a save in the next one, on top of the new version', async () => {
    const { saver, calls } = setup();
    saver.change('b');
    vi.advanceTimersByTime(500);
    saver.change('c');
    // A flush while the first save is out waits for it.
    const flushed = saver.flush();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve({ version: 2, body: 'b' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => [c.version, c.body])).toEqual([
      [1, 'b'],
      [2, 'c'],
    ]);
    calls[1]!.resolve({ version: 3, body: 'c' });
    expect(await flushed).toBe(true);
    expect(saver.currentVersion).toBe(3);
    expect(saver.currentStatus).toBe('saved');
  });

  it('goes back to saved when a change is undone before it was sent', () => {
    const { saver, calls } = setup();
    saver.change('b');
    saver.change('a');
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(0);
    expect(saver.currentStatus).toBe('saved');
  });

  it('reports a failed save, keeps the change and tries again on flush', async () => {
    const { saver, calls, errors } = setup();
    saver.change('b');
    const first = saver.flush();
    calls[0]!.reject(new Error('offline'));
    expect(await first).toBe(false);
    expect(saver.currentStatus).toBe('error');
    expect(errors).toHaveLength(1);
    expect(saver.clean).toBe(false);
    const again = saver.flush();
    calls[1]!.resolve({ version: 2, body: 'b' });
    expect(await again).toBe(true);
  });

  it('starts again from a reload, and sends what is left when the screen goes', async () => {
    const { saver, calls } = setup();
    saver.change('b');
    saver.reset(7, 'server');
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(0);
    expect(saver.currentVersion).toBe(7);
    saver.change('mine');
    saver.stop();
    expect(calls.map((c) => [c.version, c.body])).toEqual([[7, 'mine']]);
  });
});
