import type { Evidence } from "../api";
import { EventCard } from "../common";
import { byYear } from "./evidence-years";
import { plural } from "./words";

/** An obligation's evidence, folded: how many events over which years, then a fold per year with its count. */
export function EvidenceByYear({ evidence }: { evidence: readonly Evidence[] }) {
  if (evidence.length === 0) return <span className="muted">none</span>;
  const years = byYear(evidence);
  const first = years[0]!.year;
  const last = years[years.length - 1]!.year;
  return (
    <details>
      <summary>
        {plural(evidence.length, "event")}, {first === last ? `in ${first}` : `${first} to ${last}`}
      </summary>
      {years.map(({ year, events }) => (
        <details key={year} className="evidence-year" data-year={year} data-count={events.length}>
          <summary>
            {year}: {plural(events.length, "event")}
          </summary>
          {events.map((e) => (
            <EventCard key={e.id} event={e} />
          ))}
        </details>
      ))}
    </details>
  );
}
