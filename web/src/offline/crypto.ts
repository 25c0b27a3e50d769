// Encryption of the device store, WebCrypto only (docs/sync.md, "On the
// device"). A random AES-GCM data key encrypts the records; a key derived
// from the password (PBKDF2-SHA256) wraps it, so reading the store needs the
// password, and changing the password re-wraps one key instead of
// re-encrypting every record. AES-GCM authenticates: a wrong password or a
// damaged record fails with a typed error, never yields garbage.

/** OWASP's 2023 floor for PBKDF2-SHA256. Tests pass fewer. */
export const PBKDF2_ITERATIONS = 600_000;

const SALT_BYTES = 16;
const IV_BYTES = 12;

// Binary values are kept as base64 text: plain strings survive every copy
// (IndexedDB's structured clone, Dexie's own cloning in `update`, tests'
// separate realms) where typed arrays may not.

/** A JSON value encrypted under the data key (base64). */
export interface Encrypted {
  iv: string;
  data: string;
}

/** The data key, wrapped by the key derived from the password (base64). */
export interface WrappedKey {
  salt: string;
  iterations: number;
  iv: string;
  wrapped: string;
}

/** The password does not open this key. */
export class WrongPasswordError extends Error {
  constructor() {
    super('wrong password');
    this.name = 'WrongPasswordError';
  }
}

/** A record that does not decrypt under this key (damaged, or another key's). */
export class DecryptError extends Error {
  constructor() {
    super('record does not decrypt');
    this.name = 'DecryptError';
  }
}

function random(bytes: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(bytes));
}

export function toBase64(data: ArrayBuffer | Uint8Array): string {
  const b = data instanceof Uint8Array ? data : new Uint8Array(data);
  let s = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/**
 * A new data key. Extractable only so that it can be wrapped again under a
 * new password; it never leaves memory unwrapped.
 */
export function newDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

/** The key-encryption key for a password. NFC so that keyboards composing differently agree. */
export async function deriveKek(password: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** A key-encryption key ready to wrap, with the salt and count that remake it. */
export interface Kek {
  key: CryptoKey;
  salt: Uint8Array;
  iterations: number;
}

export async function newKek(password: string, iterations: number = PBKDF2_ITERATIONS): Promise<Kek> {
  const salt = random(SALT_BYTES);
  return { key: await deriveKek(password, salt, iterations), salt, iterations };
}

export async function wrapWithKek(dataKey: CryptoKey, kek: Kek): Promise<WrappedKey> {
  const iv = random(IV_BYTES);
  const wrapped = await crypto.subtle.wrapKey('raw', dataKey, kek.key, { name: 'AES-GCM', iv });
  return { salt: toBase64(kek.salt), iterations: kek.iterations, iv: toBase64(iv), wrapped: toBase64(wrapped) };
}

/** Wraps the data key under a password (a fresh salt each time). */
export async function wrapDataKey(dataKey: CryptoKey, password: string, iterations: number = PBKDF2_ITERATIONS): Promise<WrappedKey> {
  return wrapWithKek(dataKey, await newKek(password, iterations));
}

/** The data key, or WrongPasswordError. */
export async function unwrapDataKey(w: WrappedKey, password: string): Promise<CryptoKey> {
  const kek = await deriveKek(password, fromBase64(w.salt), w.iterations);
  try {
    return await crypto.subtle.unwrapKey('raw', fromBase64(w.wrapped), kek, { name: 'AES-GCM', iv: fromBase64(w.iv) }, { name: 'AES-GCM', length: 256 }, true, [
      'encrypt',
      'decrypt',
    ]);
  } catch {
    // AES-GCM's tag did not match: this password did not wrap this key.
    throw new WrongPasswordError();
  }
}

export async function encryptJson(key: CryptoKey, value: unknown): Promise<Encrypted> {
  const iv = random(IV_BYTES);
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(value)));
  return { iv: toBase64(iv), data: toBase64(data) };
}

export async function decryptJson<T>(key: CryptoKey, enc: Encrypted): Promise<T> {
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(enc.iv) }, key, fromBase64(enc.data));
  } catch {
    throw new DecryptError();
  }
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}
