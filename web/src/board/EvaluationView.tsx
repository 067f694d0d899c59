import type { Evaluation } from "../api";
import { NextMoves } from "./NextMoves";
import { Obligations } from "./Obligations";
import { usePartId } from "./part-ids";
import { ReciprocityText } from "./ReciprocityText";
import { Sequence } from "./Sequence";
import { StatusStrip } from "./StatusStrip";
import { Summary } from "./Summary";

function Phase({ ev }: { ev: Evaluation }) {
  const id = usePartId();
  if (ev.phases.length === 0) return <p className="muted">This agreement defines no phases.</p>;
  return (
    <p id={id("phase")}>
      {ev.phase ? (
        <>
          <strong>{ev.phase.title}</strong> since {ev.phase.since}
        </>
      ) : (
        "No phase entered yet."
      )}{" "}
      <span className="muted">
        ({ev.phases.map((p) => `${p.title}: ${p.entered ?? "not entered"}`).join("; ")})
      </span>
    </p>
  );
}

/** One agreement's evaluation, the short answer first; `stale` while the next one loads. */
export function EvaluationView({ evaluation: ev, stale }: { evaluation: Evaluation; stale: boolean }) {
  return (
    <div className={stale ? "stale" : ""} aria-busy={stale}>
      <p>
        <strong>As of {ev.asOf}</strong>
        {ev.agreement.hypothetical && (
          <span className="badge" title="a proposal, evaluated as if it had been in force">
            hypothetical
          </span>
        )}
      </p>
      <Summary ev={ev} />
      <h3>Phase</h3>
      <Phase ev={ev} />
      <h3>Status over time</h3>
      <StatusStrip ev={ev} />
      <h3>Obligations</h3>
      <Obligations ev={ev} />
      <h3>Whose move</h3>
      <NextMoves ev={ev} />
      <h3>Steps and answers</h3>
      <Sequence ev={ev} />
      <h3>Reciprocity account</h3>
      <ReciprocityText ev={ev} />
    </div>
  );
}
