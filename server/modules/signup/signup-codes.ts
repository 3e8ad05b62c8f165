import crypto from 'node:crypto';
import { blindIndex } from '../../platform/crypto/field-crypto';
import type { Keys } from '../../platform/crypto/keys';

/** Crockford base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Lower-case RFC 4648 base32 for page addresses: short, unambiguous in a URL, typed by nobody. */
const SLUG_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

const randomString = (alphabet: string, length: number) =>
  Array.from({ length }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');

/** A page's public address: 10 characters, 50 bits, not guessable from the unit or the order of creation. */
export const newSlug = () => randomString(SLUG_ALPHABET, 10);

/** A receipt code as the person sees it, XXXX-XXXX-XXXX (60 bits). */
export function newReceiptCode(): string {
  const raw = randomString(CROCKFORD, 12);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** Only this is stored: whoever reads the database cannot act as the person. */
export const receiptIndex = (keys: Keys, code: string) => blindIndex(keys, 'receipt', code);
