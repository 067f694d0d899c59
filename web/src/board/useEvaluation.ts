import { useEffect, useState } from "react";
import { getJson, type Evaluation } from "../api";

export interface EvaluationState {
  /** The last evaluation read; kept while the next one loads, shown as stale. */
  evaluation: Evaluation | null;
  loading: boolean;
  error: Error | null;
  retry: () => void;
}

/** GET /api/agreements/:id/evaluation for `id` as of `asOf`, read again whenever either changes; none for no id. */
export function useEvaluation(id: string | null, asOf: string): EvaluationState {
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!id || !/^\d{4}-\d\d-\d\d$/.test(asOf)) {
      setEvaluation(null);
      return;
    }
    const abort = new AbortController();
    setLoading(true);
    setError(null);
    getJson<Evaluation>(`/api/agreements/${encodeURIComponent(id)}/evaluation?asOf=${asOf}`, abort.signal)
      .then((r) => {
        setEvaluation(r);
        setLoading(false);
      })
      .catch((e: Error) => {
        if (abort.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => abort.abort();
  }, [id, asOf, attempt]);

  return { evaluation, loading, error, retry: () => setAttempt((n) => n + 1) };
}
