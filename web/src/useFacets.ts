import { useEffect, useState } from "react";
import { getJson, type EventFacets } from "./api";

/**
 * The events of the ledger at a glance (how many of each type, the first and last day), read again when `version`
 * changes: after a write.
 */
export function useFacets(version = 0): {
  facets: EventFacets | null;
  error: Error | null;
  retry: () => void;
} {
  const [facets, setFacets] = useState<EventFacets | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    getJson<EventFacets>("/api/events/facets", abort.signal)
      .then(setFacets)
      .catch((e: Error) => {
        if (!abort.signal.aborted) setError(e);
      });
    return () => abort.abort();
  }, [version, attempt]);
  return { facets, error, retry: () => setAttempt((n) => n + 1) };
}
