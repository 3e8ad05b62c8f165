/** 身份证 110101********1234: region code and last four kept. */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** 手机 138****8000; fixed lines keep area code and last four. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  // Area codes are 3 digits for 010 and 02x, otherwise 4; the subscriber number keeps only its last four.
  const areaLength = /^0(10|2\d)/.test(digits) ? 3 : digits.startsWith('0') ? 4 : 0;
  const keepHead = Math.min(areaLength, digits.length - 4);
  return digits.slice(0, keepHead) + '*'.repeat(digits.length - keepHead - 4) + digits.slice(-4);
}

/** 张*、欧阳** : surname kept. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}
