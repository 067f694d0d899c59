/** The narrowest an interval is drawn, in pixels: an exercise of a few days stays visible over a whole record. */
export const MIN_INTERVAL_PX = 3;

/**
 * Where an interval from `start` to `end` (milliseconds) is drawn when one pixel is `msPerPx` wide: as it is when it
 * is wide enough, otherwise widened to MIN_INTERVAL_PX about its middle.
 */
export function visibleSpan(start: number, end: number, msPerPx: number): [number, number] {
  const least = MIN_INTERVAL_PX * msPerPx;
  if (end - start >= least) return [start, end];
  const middle = (start + end) / 2;
  return [middle - least / 2, middle + least / 2];
}

/** Marks each drawn element of a Plot mark with the id of the event it draws (`data-event`), in index order. */
export function tagEvents(g: SVGElement | null, index: readonly number[], ids: readonly string[]): void {
  if (!g) return;
  const shapes = g.querySelectorAll(":scope > rect, :scope > path, :scope > circle");
  shapes.forEach((shape, i) => {
    const at = index[i];
    if (at !== undefined && ids[at] !== undefined) shape.setAttribute("data-event", ids[at]);
  });
}
