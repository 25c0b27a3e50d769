// UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then randomness. Ids made
// on one device sort by creation time; within one millisecond the 12-bit
// `rand_a` field is a counter (method 1 of RFC 9562 §6.2), so they still
// sort, and a clock that steps back never yields an id below the last one.

let lastMs = -1;
let counter = 0;

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function uuidv7(now: number = Date.now()): string {
  let ms = Math.max(now, lastMs);
  if (ms === lastMs) {
    counter++;
    if (counter > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond.
      ms++;
      counter = 0;
    }
  } else {
    // A random start in the lower half leaves room to count up.
    counter = crypto.getRandomValues(new Uint16Array(1))[0]! & 0x7ff;
  }
  lastMs = ms;

  const b = crypto.getRandomValues(new Uint8Array(16));
  // 48-bit timestamp, big-endian (above 2^32: no bitwise operators).
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = 0x70 | ((counter >> 8) & 0x0f); // version 7 + high counter bits
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f); // variant 10
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The creation time of a UUIDv7, in Unix milliseconds. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
