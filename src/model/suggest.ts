/**
 * The names a mistyped name was most likely meant to be: those within a small edit distance (a third of its
 * length, at least 1), nearest first, or those it is a prefix of. For "did you mean" in refusals, never to act on.
 */
export function suggestNames(wrong: string, names: readonly string[], most = 3): string[] {
  const w = wrong.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  return names
    .flatMap((name) => {
      const n = name.toLowerCase();
      const prefix = w.length >= 2 && n.startsWith(w);
      // The distance is at least the difference in length: a name that cannot be near is not measured (an input
      // thousands of characters long would otherwise cost its length times each name's, seconds in all).
      if (!prefix && Math.abs(n.length - w.length) > limit) return [];
      const d = editDistance(w, n);
      return d <= limit || prefix ? [{ name, d }] : [];
    })
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, most)
    .map(({ name }) => name);
}

/** " (did you mean X or Y?)", or nothing when no name is near. */
export function didYouMean(wrong: string, names: readonly string[]): string {
  const near = suggestNames(wrong, names);
  return near.length ? ` (did you mean ${near.join(" or ")}?)` : "";
}

/** Levenshtein distance with transpositions counted as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = Array.from({ length: rows * cols }, (_, i) =>
    i < cols ? i : i % cols === 0 ? i / cols : 0,
  );
  for (let i = 1; i < rows; i++)
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  return d[rows * cols - 1]!;
}
