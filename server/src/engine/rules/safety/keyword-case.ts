/** `keyword` in the case the user writes SQL in, judged from a word they wrote: `index` → `concurrently`. */
export function inCaseOf(written: string, keyword: string): string {
  return written === written.toLowerCase() ? keyword.toLowerCase() : keyword.toUpperCase();
}
