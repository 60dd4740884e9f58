// "Did you mean …?" for rule ids: the known id at the smallest edit distance, if close enough to
// be a typo rather than a different name.

export function closestId(written: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const id of known) {
    const distance = editDistance(written, id);
    if (distance < bestDistance) {
      best = id;
      bestDistance = distance;
    }
  }
  // A third of the length tolerates a dropped word part or a few typos, not an unrelated id.
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(written.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
