import type { AgreementSummary } from "../api";
import { ErrorBox, Loading, Parties } from "../common";
import { EvaluationView } from "./EvaluationView";
import type { EvaluationState } from "./useEvaluation";

/** What the agreement is, before what it comes to: its summary, status, dates and parties. */
function AgreementHeader({ agreement: a }: { agreement: AgreementSummary }) {
  return (
    <>
      {a.summary && <p className="summary">{a.summary}</p>}
      <p className="muted">
        Status: {a.status}
        {a.signed ? ` · signed ${a.signed}` : ""}
        {a.effective ? ` · effective ${a.effective}` : ""} · parties:{" "}
        {a.parties.map((p) => (
          <span key={p.id}>
            <Parties ids={p.id} /> <span className="small">({p.role})</span>{" "}
          </span>
        ))}
      </p>
    </>
  );
}

/**
 * The board of one agreement: what it is, then its evaluation as of `asOf`. `titled` names it in a heading, where
 * two stand side by side.
 */
export function AgreementColumn({
  agreement,
  asOf,
  state,
  titled,
}: {
  agreement: AgreementSummary;
  asOf: string;
  state: EvaluationState;
  titled: boolean;
}) {
  const { evaluation, loading, error, retry } = state;
  // While another agreement's evaluation is shown stale, this one's as-of date is not yet on the page.
  const shown = evaluation?.agreement.id === agreement.id ? evaluation.asOf : "";
  return (
    <article
      className="board-column"
      aria-label={agreement.title}
      data-agreement={agreement.id}
      data-as-of={shown}
    >
      {titled && <h3 className="agreement-title">{agreement.title}</h3>}
      <AgreementHeader agreement={agreement} />
      {loading && <Loading what={`the evaluation as of ${asOf}`} />}
      {error && <ErrorBox error={error} retry={retry} />}
      {evaluation && <EvaluationView evaluation={evaluation} stale={loading} />}
    </article>
  );
}
