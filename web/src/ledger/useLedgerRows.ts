import { useEffect, useState } from "react";
import { getEvents, type LedgerEvent } from "../api";
import { useDebounced } from "../useDebounced";

/** The rows the table reads at a time: the first ones, then "Show 100 more". */
export const ROWS_PAGE = 100;
/** A search is sent once typing has rested this long. */
const TYPING_MS = 250;

/** What the table is asked for: words to search for, a type (empty for all) and an order (`-date`: latest first). */
export interface LedgerQuery {
  q: string;
  type: string;
  sort: string;
}

/** The rows read so far for a query, and how many events match it in all. */
export interface LedgerRows {
  query: LedgerQuery;
  total: number;
  events: LedgerEvent[];
}

const sameQuery = (a: LedgerQuery, b: LedgerQuery) => a.q === b.q && a.type === b.type && a.sort === b.sort;

/**
 * The rows of the ledger table, searched, filtered and sorted by the server. `rows` are only ever those of the
 * query the controls show: null while that one is read (and while the search is being typed).
 */
export function useLedgerRows(asked: LedgerQuery) {
  const typed = asked.q.trim();
  const q = useDebounced(typed, TYPING_MS);
  const { type, sort } = asked;
  const [rows, setRows] = useState<LedgerRows | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const query = { q, type, sort };
    const abort = new AbortController();
    setError(null);
    getEvents(query, { count: ROWS_PAGE }, abort.signal).then(
      (read) => setRows({ query, ...read }),
      (e: Error) => {
        if (!abort.signal.aborted) setError(e);
      },
    );
    return () => abort.abort();
  }, [q, type, sort, attempt]);

  /** Reads `count` rows from `offset` on for the rows' query, in place of those read before from there. */
  const readFrom = async (from: LedgerRows, offset: number, count: number) => {
    setBusy(true);
    try {
      const read = await getEvents(from.query, { offset, count });
      setRows((r) =>
        r && sameQuery(r.query, from.query)
          ? { query: r.query, total: read.total, events: [...r.events.slice(0, offset), ...read.events] }
          : r,
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const current = rows && sameQuery(rows.query, { q: typed, type, sort }) ? rows : null;
  return {
    rows: current,
    error,
    /** Reading more rows, or the same again. */
    busy,
    retry: () => setAttempt((n) => n + 1),
    showMore: () => current && readFrom(current, current.events.length, ROWS_PAGE),
    /** After a write: the rows shown, read again (as many as were shown). */
    reload: async () => {
      if (current) await readFrom(current, 0, Math.max(ROWS_PAGE, current.events.length));
      else setAttempt((n) => n + 1);
    },
  };
}
