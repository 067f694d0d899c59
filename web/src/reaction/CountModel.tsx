import { useEffect, useState } from "react";
import type { ApiErrorBody } from "../../../src/server/errors.js";
import type { CountTerm, RegressResult } from "../api";
import { num, pValue } from "./numbers";

/** The count model's answer, or why there is none (the API's message: a model it cannot estimate is a 422). */
export type CountModelAnswer =
  { state: "loading" } | { state: "done"; report: RegressResult } | { state: "refused"; message: string };

/** GET /api/analysis/regress for `search` (its URL parameters), read again whenever they change. */
export function useCountModel(search: string, attempt: number): CountModelAnswer {
  const [answer, setAnswer] = useState<CountModelAnswer>({ state: "loading" });
  useEffect(() => {
    const abort = new AbortController();
    setAnswer({ state: "loading" });
    (async (): Promise<CountModelAnswer> => {
      const response = await fetch(`/api/analysis/regress?${search}`, {
        signal: abort.signal,
        headers: { accept: "application/json" },
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok) return { state: "done", report: body as RegressResult };
      const message = (body as Partial<ApiErrorBody> | undefined)?.error;
      return { state: "refused", message: message ?? `HTTP ${response.status}` };
    })()
      .catch((e: Error): CountModelAnswer => ({ state: "refused", message: e.message }))
      .then((a) => {
        if (!abort.signal.aborted) setAnswer(a);
      });
    return () => abort.abort();
  }, [search, attempt]);
  return answer;
}

/** The cause's column: its name is the cause's terms and the window (run-regress.ts). */
function causeTerm(report: RegressResult): CountTerm | undefined {
  const cause = report.x[0];
  if (!cause) return undefined;
  const { terms } = report.model;
  return terms.find((t) => t.name === cause.column) ?? terms.find((t) => t.name.startsWith(cause.terms));
}

/** The count model's rate ratio for the cause's window, with its 95% interval and p. */
export function CountModel({ answer }: { answer: CountModelAnswer }) {
  const title = <strong>Count model</strong>;
  if (answer.state === "loading")
    return (
      <p id="react-count-model" className="count-model muted" data-state="loading">
        {title}: estimating…
      </p>
    );
  if (answer.state === "refused")
    return (
      <p id="react-count-model" className="count-model" data-state="refused">
        {title}: not estimated: <span className="error-text">{answer.message}</span>
      </p>
    );
  const { report } = answer;
  const term = causeTerm(report);
  return (
    <p id="react-count-model" className="count-model" data-state="done">
      {title} (Poisson, with month-of-year effects and robust HC1 errors, {report.from} to {report.to}):{" "}
      {term ? (
        <>
          rate ratio <strong className="cm-ratio">{num(term.rateRatio)}</strong>{" "}
          <span className="cm-interval">
            [{num(term.rateRatioInterval[0])}, {num(term.rateRatioInterval[1], 2, "∞")}]
          </span>
          , p <span className="cm-p">{pValue(term.p)}</span> in the days of the window, against the other
          days.
        </>
      ) : (
        "the answer has no column for the cause."
      )}
    </p>
  );
}
