import { useEffect, useState } from "react";
import { getEvents, type LedgerEvent } from "../api.js";
import { DRAWING_CAP } from "./drawing-cap.js";

/** The visible range: whole days, YYYY-MM-DD; an empty end leaves that side open. */
export interface Range {
  from: string;
  to: string;
}

/** The events of a range and type as last read: drawn until those of the next range arrive. */
export interface DrawnEvents extends Range {
  type: string;
  /** In date order, at most DRAWING_CAP of them. */
  events: LedgerEvent[];
  /** How many events the range holds. */
  total: number;
}

/** The range is read once it has rested this long: a wheel turn or a drag asks for where it stops. */
const SETTLE_MS = 200;

const answers = (drawn: DrawnEvents, { from, to }: Range, type: string) =>
  drawn.from === from && drawn.to === to && drawn.type === type;

/**
 * The events that overlap the range (of one type, or all), read from the server when the range has settled; a read
 * still running when the range moves again is cancelled. Nothing is read until `ready` (the range to open on is known).
 */
export function useRangeEvents(
  range: Range,
  type: string,
  ready = true,
): { drawn: DrawnEvents | null; loading: boolean; error: Error | null; retry: () => void } {
  const { from, to } = range;
  const [drawn, setDrawn] = useState<DrawnEvents | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!ready) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      const query = { from: from || "0001-01-01", to: to || "9999-12-31", type, sort: "date" };
      getEvents(query, { count: DRAWING_CAP }, abort.signal).then(
        (read) => {
          setDrawn({ from, to, type, ...read });
          setError(null);
        },
        (e: Error) => {
          if (!abort.signal.aborted) setError(e);
        },
      );
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [from, to, type, attempt, ready]);
  return {
    drawn,
    loading: !error && (!drawn || !answers(drawn, range, type)),
    error,
    retry: () => setAttempt((n) => n + 1),
  };
}
