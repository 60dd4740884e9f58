// How the benchmarks print what they measured.

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
};

export const ms = (value: number | undefined): string => (value === undefined ? '—' : value < 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(0)} ms`);

/** Rows of cells as a Markdown table, each column as wide as its widest cell. */
export function table(lines: string[][]): string {
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  return lines.map((line) => `| ${line.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`).join('\n');
}
