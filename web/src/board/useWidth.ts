import { useCallback, useState } from "react";

/**
 * The width of an element's content box, kept current on resize: charts are drawn to it, never wider. A callback
 * ref, so that an element that appears later (a chart after a "nothing to draw" message) is measured too.
 */
export function useWidth<T extends HTMLElement>(fallback = 800) {
  const [width, setWidth] = useState(fallback);
  const ref = useCallback((el: T | null) => {
    if (!el) return;
    const measure = () => {
      const style = getComputedStyle(el);
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      setWidth(Math.max(160, Math.floor(el.clientWidth - padding)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}
