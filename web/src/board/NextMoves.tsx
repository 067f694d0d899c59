import type { Evaluation } from "../api";
import { Parties } from "../common";
import { usePartId } from "./part-ids";
import { moveWords } from "./words";

export function NextMoves({ ev }: { ev: Evaluation }) {
  const id = usePartId();
  if (ev.nextMoves.length === 0) return <p className="muted">Nobody owes a move as of {ev.asOf}.</p>;
  return (
    <ul id={id("next-moves")}>
      {ev.nextMoves.map((m) => (
        <li key={`${m.party}/${m.obligation}`} data-state={m.state} data-obligation={m.obligation}>
          <Parties ids={m.party} /> {m.title} <span className="muted">({m.obligation})</span>:{" "}
          <span className={m.state === "overdue" || m.state === "blocked" ? "move-bad" : undefined}>
            {moveWords(m)}
          </span>
        </li>
      ))}
    </ul>
  );
}
