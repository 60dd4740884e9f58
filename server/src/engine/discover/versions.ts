// Version keys and comparisons as each framework orders its migrations. Numeric versions are
// compared as digit strings, so 20-digit timestamps and uint64 values stay exact.

/** "007" → "7", "" → "0": the number a digit string stands for, without leading zeros. */
export function numericKey(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '') || '0';
}

export function compareNumeric(a: string, b: string): number {
  const x = numericKey(a);
  const y = numericKey(b);
  return x.length - y.length || compareText(x, y);
}

/** Byte-wise order, as Go's `sort.Strings` and Rust's `sort` order names (not locale order). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const UINT64_MAX = '18446744073709551615';
export const INT64_MAX = '9223372036854775807';

export function fitsIn(digits: string, max: string): boolean {
  return compareNumeric(digits, max) <= 0;
}

/** Flyway: parts split at `.` or `_`, compared as integers, missing parts count as 0. */
export function flywayVersionKey(version: string): string {
  const parts = version.split(/[._]/).map(numericKey);
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  return parts.join('.');
}

export function compareFlywayVersions(a: string, b: string): number {
  const x = flywayVersionKey(a).split('.');
  const y = flywayVersionKey(b).split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const order = compareNumeric(x[i] ?? '0', y[i] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

/** Leading digits of a file name, or undefined. */
export function leadingNumber(name: string): string | undefined {
  return /^\d+/.exec(name)?.[0];
}
