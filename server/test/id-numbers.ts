import { idCheckDigit } from '../../common/validators';

/** A valid 18-digit ID number for tests: region, birth date YYYYMMDD, sequence (odd = male). */
export function makeId(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + idCheckDigit(first17);
}
