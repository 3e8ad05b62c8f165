export { ageOn, ageWarnings, GUARDIAN_CONSENT_AGE, TARGET_AGE_MAX, TARGET_AGE_MIN } from './age';
export type { AgeCheck } from './age';
export {
  calendarDateError,
  daysInMonth,
  excelSerialToDate,
  formatYmd,
  isLeapYear,
  parseLooseDate,
  todayInChina,
} from './date';
export type { DateErrorCode, DatePrecision, LooseDateOptions, LooseDateResult } from './date';
export {
  CREDIT_CODE_CHARS,
  CREDIT_CODE_DEPARTMENTS,
  creditCodeCheckChar,
  orgCodeCheckChar,
  parseCreditCode,
} from './credit-code';
export type { CreditCodeErrorCode, CreditCodeResult } from './credit-code';
export {
  compareWithId,
  EXCEL_NUMERIC_ID_ERROR,
  idCheckDigit,
  parseGender,
  parseIdNumber,
  PROVINCE_CODES,
} from './id-number';
export type {
  Gender,
  IdDocument,
  IdErrorCode,
  IdNumberResult,
  ParsedIdNumber,
  ParseIdNumberOptions,
} from './id-number';
export { parsePhone } from './phone';
export type { ParsedPhone, PhoneErrorCode, PhoneKind, PhoneResult } from './phone';
export { isFormulaLike, normalizeName, normalizeText, stripInvisible, toHalfWidth } from './text';
export type { NormalizeTextOptions } from './text';
