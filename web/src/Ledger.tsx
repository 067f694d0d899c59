import { useEffect, useMemo, useState } from "react";
import { actorsOf, getJson, list, type LedgerEvent, type VerifyReport } from "./api";
import { Coverage } from "./Coverage";
import { ErrorBox, Loading, Parties, TypeSelect } from "./common";
import { AddEvent, ImportFile, TokenField, useToken } from "./Editor";

const PAGE = 200;

type SortKey = "date" | "actors" | "type" | "count" | "confidence";
interface Sort {
  key: SortKey;
  dir: "ascending" | "descending";
}
/** Least to most certain; an event without a confidence sorts first. */
const CONFIDENCE_RANK: Record<string, number> = { disputed: 1, unverified: 2, reported: 3, confirmed: 4 };
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const COMPARE: Record<SortKey, (a: LedgerEvent, b: LedgerEvent) => number> = {
  date: (a, b) => cmp(a.date, b.date) || cmp(a.end ?? "", b.end ?? "") || cmp(a.time ?? "", b.time ?? ""),
  actors: (a, b) => cmp(list(a.actor), list(b.actor)),
  type: (a, b) => cmp(a.type, b.type),
  count: (a, b) => cmp(a.count ?? 1, b.count ?? 1),
  confidence: (a, b) =>
    cmp(CONFIDENCE_RANK[a.confidence ?? ""] ?? 0, CONFIDENCE_RANK[b.confidence ?? ""] ?? 0),
};

/** A column header that sorts the table on click, Enter or Space (it is a button), with aria-sort. */
function SortHeader(props: { label: string; by: SortKey; sort: Sort; onSort: (s: Sort) => void }) {
  const active = props.sort.key === props.by;
  const next: Sort = {
    key: props.by,
    dir: active && props.sort.dir === "ascending" ? "descending" : "ascending",
  };
  return (
    <th scope="col" aria-sort={active ? props.sort.dir : "none"} data-sort={props.by}>
      <button
        type="button"
        onClick={() => props.onSort(next)}
        title={`Sort by ${props.label.toLowerCase()}, ${next.dir}`}
      >
        {props.label}
        <span aria-hidden="true">{active ? (props.sort.dir === "ascending" ? " ▲" : " ▼") : " ↕"}</span>
      </button>
    </th>
  );
}

function ChainStatus() {
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setReport(null);
    setError(null);
    getJson<VerifyReport>("/api/verify", abort.signal)
      .then(setReport)
      .catch((e: Error) => {
        if (!abort.signal.aborted) setError(e);
      });
    return () => abort.abort();
  }, [attempt]);
  if (error) return <ErrorBox error={error} retry={() => setAttempt((n) => n + 1)} />;
  if (!report) return <Loading what="the chain verification" />;
  return (
    <div id="chain" className={report.ok ? "chain ok" : "chain broken"} role="status">
      {report.ok ? (
        <>
          <strong>Chain intact:</strong> {report.entries} entries recomputed, head <code>{report.head}</code>
        </>
      ) : (
        <>
          <strong>Chain BROKEN</strong> after {report.entries} entries; first broken entry:{" "}
          <code>{JSON.stringify(report.firstBroken)}</code>
        </>
      )}{" "}
      <button type="button" onClick={() => setAttempt((n) => n + 1)}>
        Verify again
      </button>
    </div>
  );
}

export function Ledger({ events, onChanged }: { events: LedgerEvent[]; onChanged: () => Promise<void> }) {
  const [token, setToken] = useToken();
  const [query, setQuery] = useState("");
  const [type, setType] = useState("");
  const [shown, setShown] = useState(PAGE);
  const [sort, setSort] = useState<Sort>({ key: "date", dir: "ascending" });
  const types = useMemo(() => [...new Set(events.map((e) => e.type))].sort(), [events]);
  const matches = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return events.filter((e) => {
      if (type && e.type !== type) return false;
      if (!words.length) return true;
      const text = [
        e.id,
        e.date,
        e.end ?? "",
        e.type,
        list(e.actor),
        list(e.target),
        e.summary ?? "",
        JSON.stringify(e.attributes ?? {}),
        ...e.sources.map((s) => `${s.title ?? ""} ${s.publisher ?? ""}`),
      ]
        .join(" ")
        .toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [events, query, type]);
  const sorted = useMemo(() => {
    const compare = COMPARE[sort.key];
    const sign = sort.dir === "ascending" ? 1 : -1;
    // Stable: ties keep the ledger's order.
    return [...matches].sort((a, b) => sign * compare(a, b));
  }, [matches, sort]);

  return (
    <section aria-labelledby="ledger-title" className="view">
      <h2 id="ledger-title">Ledger</h2>
      <ChainStatus key={events.length} />
      <Coverage />
      <details id="ledger-edit" className="edit">
        <summary>Add an event or import a file</summary>
        <TokenField token={token} onChange={setToken} />
        <AddEvent token={token} types={types} onAdded={onChanged} />
        <ImportFile token={token} onImported={onChanged} />
      </details>
      <form className="controls" onSubmit={(e) => e.preventDefault()} role="search">
        <label>
          Search{" "}
          <input
            type="search"
            id="ledger-search"
            value={query}
            placeholder="e.g. ICBM 2022"
            onChange={(e) => {
              setQuery(e.target.value);
              setShown(PAGE);
            }}
          />
        </label>
        <TypeSelect id="ledger-type" types={types} value={type} onChange={setType} />
        <span role="status" id="ledger-count">
          {matches.length} of {events.length} events
        </span>
      </form>
      <div className="table-wrap">
        <table className="ledger">
          <thead>
            <tr>
              <SortHeader label="Date" by="date" sort={sort} onSort={setSort} />
              <SortHeader label="Actors" by="actors" sort={sort} onSort={setSort} />
              <SortHeader label="Type" by="type" sort={sort} onSort={setSort} />
              <SortHeader label="Count" by="count" sort={sort} onSort={setSort} />
              <SortHeader label="Confidence" by="confidence" sort={sort} onSort={setSort} />
              <th scope="col">Summary</th>
              <th scope="col">Sources</th>
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, shown).map((e) => (
              <tr key={e.id} data-event={e.id}>
                <td>
                  <time dateTime={e.date}>{e.date}</time>
                  {e.end ? ` – ${e.end}` : ""}
                </td>
                <td>
                  <Parties ids={actorsOf(e)} />
                  {e.target ? <span className="muted small"> → {list(e.target)}</span> : null}
                </td>
                <td>{e.type.replaceAll("_", " ")}</td>
                <td className="num">{e.count ?? 1}</td>
                <td>{e.confidence ?? ""}</td>
                <td>{e.summary ?? ""}</td>
                <td>
                  {e.sources.map((s, i) =>
                    s.url ? (
                      <a
                        key={i}
                        href={s.url}
                        target="_blank"
                        rel="noreferrer noopener"
                        title={s.title ?? s.url}
                      >
                        [{i + 1}]
                      </a>
                    ) : (
                      <span key={i} title={s.title}>
                        [{i + 1}]
                      </span>
                    ),
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {matches.length > shown && (
        <button type="button" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, matches.length - shown)} more
        </button>
      )}
    </section>
  );
}
