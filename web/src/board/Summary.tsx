import type { Evaluation } from "../api";
import { EventCard, Parties } from "../common";
import { usePartId } from "./part-ids";

/** The short answer first: the engine's one-paragraph summary, then what the reader must know before trusting it. */
export function Summary({ ev }: { ev: Evaluation }) {
  const id = usePartId();
  return (
    <>
      <p id={id("summary")} className="answer">
        {ev.summary.text}
      </p>
      {ev.warnings.length > 0 && (
        <div id={id("warnings")} className="warnings" role="note">
          <strong>
            {ev.warnings.length === 1
              ? "A matcher of the agreement matches nothing in the ledger"
              : `${ev.warnings.length} matchers of the agreement match nothing in the ledger`}
          </strong>{" "}
          (compliance with them cannot be seen):
          <ul>
            {ev.warnings.map((w) => (
              <li key={w.at}>
                <code>{w.at}</code>: {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {ev.withdrawals.length > 0 && (
        <div id={id("withdrawals")} className="withdrawals">
          <strong>Withdrawals:</strong>
          <ul>
            {ev.withdrawals.map((w) => (
              <li key={`${w.party}/${w.date}`}>
                <Parties ids={w.party} /> withdrew on {w.date}
                {w.events.length > 0 && (
                  <details>
                    <summary>
                      {w.events.length} event{w.events.length === 1 ? "" : "s"}
                    </summary>
                    {w.events.map((e) => (
                      <EventCard key={e.id} event={e} />
                    ))}
                  </details>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
