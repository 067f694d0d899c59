import { useEffect, useState } from "react";

export interface Answer<T> {
  /** The last answer; null after a failure or before the first. */
  result: T | null;
  error: Error | null;
  loading: boolean;
}

/**
 * Asks the API with `ask` whenever `key` or `attempt` changes (a new object asking the same is the same request: the
 * caller's key says what is asked), cancelling the request it replaces; `ask` null: nothing to ask yet.
 */
export function useAnswer<T>(
  ask: ((signal: AbortSignal) => Promise<T>) | null,
  key: string,
  attempt: number,
): Answer<T> {
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!ask) return;
    const abort = new AbortController();
    setLoading(true);
    setError(null);
    ask(abort.signal)
      .then((r) => {
        setResult(r);
        setLoading(false);
      })
      .catch((e: Error) => {
        if (abort.signal.aborted) return;
        setError(e);
        setResult(null);
        setLoading(false);
      });
    return () => abort.abort();
    // `ask` is new at every render; `key` is what it asks.
  }, [key, attempt]);
  return { result, error, loading };
}
