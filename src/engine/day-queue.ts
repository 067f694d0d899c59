/** Days (YYYY-MM-DD) to visit, each once, earliest first: a binary heap over strings, which sort as dates. */
export class DayQueue {
  private heap: string[] = [];
  private seen = new Set<string>();

  constructor(private readonly last: string) {}

  /** Schedules a day; days after the last one (the as-of date) are never visited. */
  push(day: string): void {
    if (day > this.last || this.seen.has(day)) return;
    this.seen.add(day);
    const h = this.heap;
    h.push(day);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]! <= h[i]!) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  pop(): string | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const end = h.pop()!;
    if (h.length > 0) {
      h[0] = end;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]! < h[m]!) m = l;
        if (r < h.length && h[r]! < h[m]!) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}
