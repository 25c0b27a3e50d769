import { describe, expect, it } from 'vitest';
import {
  DecryptError,
  PBKDF2_ITERATIONS,
  WrongPasswordError,
  decryptJson,
  encryptJson,
  fromBase64,
  newDataKey,
  toBase64,
  unwrapDataKey,
  wrapDataKey,
} from './crypto';

const FEW = 1000;

describe('device store encryption', () => {
  it('derives the key-encryption key with at least 600,000 PBKDF2 iterations by default', () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });

  it('wraps the data key under the password and opens it again', async () => {
    const key = await newDataKey();
    const wrapped = await wrapDataKey(key, 'a long password', FEW);
    expect(wrapped.iterations).toBe(FEW);
    expect(atob(wrapped.salt)).toHaveLength(16);
    const again = await unwrapDataKey(wrapped, 'a long password');
    const sealed = await encryptJson(key, { name: 'فاطمه', phones: ['09121234567'], n: 3 });
    expect(await decryptJson(again, sealed)).toEqual({ name: 'فاطمه', phones: ['09121234567'], n: 3 });
  });

  it('refuses a wrong password with a typed error', async () => {
    const wrapped = await wrapDataKey(await newDataKey(), 'a long password', FEW);
    await expect(unwrapDataKey(wrapped, 'a long passwore')).rejects.toBeInstanceOf(WrongPasswordError);
    await expect(unwrapDataKey(wrapped, '')).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('makes a new salt and IV each time', async () => {
    const key = await newDataKey();
    const a = await wrapDataKey(key, 'p', FEW);
    const b = await wrapDataKey(key, 'p', FEW);
    expect(a.salt).not.toBe(b.salt);
    const x = await encryptJson(key, 'same');
    const y = await encryptJson(key, 'same');
    expect(x.iv).not.toBe(y.iv);
    expect(x.data).not.toBe(y.data);
  });

  it('never returns garbage: a damaged record or another key fails cleanly', async () => {
    const key = await newDataKey();
    const sealed = await encryptJson(key, { mobile: '09120000000' });
    const damaged = fromBase64(sealed.data);
    damaged[0] = damaged[0]! ^ 1;
    await expect(decryptJson(key, { iv: sealed.iv, data: toBase64(damaged) })).rejects.toBeInstanceOf(DecryptError);
    await expect(decryptJson(key, { iv: sealed.iv, data: 'not base64!' })).rejects.toBeInstanceOf(DecryptError);
    await expect(decryptJson(await newDataKey(), sealed)).rejects.toBeInstanceOf(DecryptError);
  });

  it('treats a password typed with another composition the same (NFC)', async () => {
    const key = await newDataKey();
    // «آ» precomposed, and as «ا» + combining madda.
    const wrapped = await wrapDataKey(key, 'گذرواژه\u0622', FEW);
    await expect(unwrapDataKey(wrapped, 'گذرواژه\u0627\u0653')).resolves.toBeDefined();
  });
});
