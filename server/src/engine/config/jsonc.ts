// `.migration-lens.json` is JSON that people annotate: the design's own example carries `//`
// comments. Accept comments and trailing commas, and report syntax errors with a line and column.

export type JsoncResult = { value: unknown } | { error: string };

export function parseJsonc(text: string): JsoncResult {
  const json = blankCommentsAndTrailingCommas(text.replace(/^\uFEFF/, ''));
  try {
    return { value: JSON.parse(json) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    if (!position) return { error: message };
    const offset = Number(position[1]);
    const before = json.slice(0, offset).split('\n');
    return { error: `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${before.length}, column ${before[before.length - 1].length + 1}` };
  }
}

/** Replaces comments and trailing commas with spaces, so offsets (and error positions) stay put. */
function blankCommentsAndTrailingCommas(text: string): string {
  const out = text.split('');
  let i = 0;
  let lastSignificant = -1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      lastSignificant = i;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (; i < stop; i++) if (out[i] !== '\n') out[i] = ' ';
    } else {
      if ((c === '}' || c === ']') && lastSignificant >= 0 && out[lastSignificant] === ',') out[lastSignificant] = ' ';
      if (!/\s/.test(c)) lastSignificant = i;
      i++;
    }
  }
  return out.join('');
}
