// Writes the app icons (public/icon-192.png, public/icon-512.png): the
// favicon's mark (a person: head and shoulders) in white on the theme's
// colour, full bleed with the mark inside the central safe zone, so one file
// serves as both an `any` and a `maskable` icon. Plain Node (zlib), no
// image library. Run from web/: `node scripts/icons.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const brand = readFileSync(new URL('../src/brand.ts', import.meta.url), 'utf8');
const palette = [...brand.matchAll(/'(#[0-9a-f]{6})'/g)].map((m) => m[1]);
const shade = Number(/PRIMARY_SHADE = (\d+)/.exec(brand)?.[1]);
const colour = palette[shade];
if (!colour) throw new Error('could not read the theme colour from src/brand.ts');
const bg = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
const fg = [255, 255, 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** How much of the pixel (x, y) the mark covers, in a 64-unit design space (the favicon's). */
function coverage(x, y, scale) {
  const S = 4; // 4×4 samples per pixel: smooth edges
  let hit = 0;
  for (let i = 0; i < S; i++) {
    for (let j = 0; j < S; j++) {
      // The favicon's mark, centred (its extent is y 10–42.5); it stays
      // within the maskable safe zone (a circle of 40% of the size).
      const u = (x + (i + 0.5) / S) / scale;
      const v = (y + (j + 0.5) / S) / scale - 5.75;
      // The head a little higher than the favicon's: a gap above the shoulders reads better large.
      const head = Math.hypot(u - 32, v - 16) <= 6;
      // Shoulders: the arc M20 40 c0-8 5-14 12-14 s12 6 12 14, a half-ellipse stroked 5 wide, round caps.
      const rx = 12;
      const ry = 14;
      const dx = (u - 32) / rx;
      const dy = (v - 40) / ry;
      const onArc = v <= 40 && Math.abs(Math.hypot(dx, dy) - 1) * Math.min(rx, ry) <= 2.5;
      const cap = Math.hypot(u - 20, v - 40) <= 2.5 || Math.hypot(u - 44, v - 40) <= 2.5;
      if (head || onArc || cap) hit++;
    }
  }
  return hit / (S * S);
}

function png(size) {
  const scale = size / 64;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, scale);
      for (let c = 0; c < 3; c++) row[1 + x * 3 + c] = Math.round(bg[c] * (1 - a) + fg[c] * a);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) {
  const file = new URL(`../public/icon-${size}.png`, import.meta.url);
  writeFileSync(file, png(size));
  console.log(`wrote public/icon-${size}.png (${colour})`);
}
