import type { ReactResult } from "../api";

type NullSummary = Pick<ReactResult["windowTest"], "null" | "alignments" | "jitter">;

/** Which rotations of the effect series the null took, and how many: the p-value cannot fall below 1 / (N + 1). */
function nullText(n: NullSummary): string {
  switch (n.null) {
    case "sampled":
      return `${n.alignments} circular shifts drawn at random (the sampled null)`;
    case "exact":
      return `every circular shift once, ${n.alignments} alignments (the exact null: the exact p-value)`;
    case "seasonal":
      return `every shift by whole 52-week years, ${n.alignments} alignments (the seasonal null)`;
    case "seasonal-jitter":
      return `every whole-year shift moved by up to ${n.jitter} days either way, ${n.alignments} alignments (the seasonal null with jitter)`;
  }
}

/** The null the window test was read against, as the answer reports it. */
export function NullUsed({ test }: { test: NullSummary }) {
  return (
    <span id="react-null" data-null={test.null} data-alignments={test.alignments}>
      {nullText(test)}
    </span>
  );
}
