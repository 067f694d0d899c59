import type { Evaluation } from "../api";
import { EventCard, Parties, Status } from "../common";
import { usePartId } from "./part-ids";
import { answerWords, partyWords, stepWords, who } from "./words";

/** The reciprocity account in words: per link who moved first, the step, the answer; then each party's account. */
export function ReciprocityText({ ev }: { ev: Evaluation }) {
  const { links, parties } = ev.reciprocity;
  const id = usePartId();
  return (
    <div id={id("reciprocity")} className="reciprocity">
      {links.length === 0 ? (
        <p className="muted">No step is linked to another in this agreement.</p>
      ) : (
        <ul className="links">
          {links.map((l) => (
            <li key={`${l.from}->${l.to}`} data-link={`${l.from}->${l.to}`}>
              <strong>{l.to}</strong> ({who(l.toParty)}){" "}
              {l.kind === "parallel" ? "alongside" : "in return for"} <strong>{l.from}</strong> (
              {who(l.fromParty)})
              {l.answer && (
                <>
                  {" "}
                  <Status status={l.answer.status} />
                </>
              )}
              <ul>
                {l.firstMover && (
                  <li className="first-mover">
                    moved first: <Parties ids={l.firstMover} />
                    {l.fromStep &&
                      l.fromStep.began === l.toStep?.began &&
                      " (together: both began the same day)"}
                  </li>
                )}
                <li>{l.fromStep ? stepWords(l.fromStep) : `${who(l.fromParty)}: no step yet`}</li>
                <li>
                  {answerWords(l)}
                  {l.answer && l.answer.evidence.length > 0 && (
                    <details>
                      <summary>
                        {l.answer.evidence.length} event{l.answer.evidence.length === 1 ? "" : "s"}:{" "}
                        {l.answer.evidence.map((e) => e.date).join(", ")}
                      </summary>
                      {l.answer.evidence.map((e) => (
                        <EventCard key={e.id} event={e} />
                      ))}
                    </details>
                  )}
                </li>
                {(l.together ?? []).map((t) => (
                  <li key={t.from} className="muted">
                    both held at once from {t.from} to {t.to}
                    {t.open ? " (and still do)" : ""}: {t.days} days
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {parties.length > 0 && (
        <>
          <h4>By party</h4>
          <ul className="party-accounts">
            {parties.map((p) => (
              <li key={p.party} data-party={p.party}>
                <Parties ids={p.party} /> {partyWords(p)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
