import { useEffect, useState } from "react";
import { getJson, type CoverageEntry } from "../api";

/** GET /api/coverage: the period each family of events is researched over; `failed` when it could not be read. */
export function useCoverage(): { coverage: CoverageEntry[] | null; failed: boolean } {
  const [coverage, setCoverage] = useState<CoverageEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    getJson<CoverageEntry[]>("/api/coverage", abort.signal)
      .then(setCoverage)
      .catch(() => {
        if (!abort.signal.aborted) setFailed(true);
      });
    return () => abort.abort();
  }, []);
  return { coverage, failed };
}
