/** The most events the timeline draws at once: a range with more is drawn in part, and says so. */
export const DRAWING_CAP = 20_000;

const number = (n: number) => n.toLocaleString("en-US");

/** What the reader is told when a range holds more events than are drawn; null when every one is drawn. */
export function cappedNote(drawn: number, total: number): string | null {
  if (drawn >= total) return null;
  return `Drawing the first ${number(drawn)} of ${number(total)} events in this range: narrow the range to draw them all.`;
}
