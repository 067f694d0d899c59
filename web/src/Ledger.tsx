import { useEffect, useState } from "react";
import { actorsOf, getJson, list, type LedgerEvent, type VerifyReport } from "./api";
import { brokenText } from "./ChainAlert";
import { Coverage } from "./Coverage";
import { ErrorBox, Loading, Parties, TypeSelect } from "./common";
import { AddEvent, ImportFile, TokenField, useToken } from "./Editor";
import { ROWS_PAGE, useLedgerRows } from "./ledger/useLedgerRows";
import { useFacets } from "./useFacets";

type SortKey = "date" | "actors" | "type" | "count" | "confidence";
interface Sort {
  key: SortKey;
  dir: "ascending" | "descending";
}
/** The order as GET /api/events takes it: `date`, or `-date` for the latest first. */
const sortParam = (s: Sort) => `${s.dir === "descending" ? "-" : ""}${s.key}`;

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
          <strong>Chain BROKEN</strong> after {report.entries} entries, at {brokenText(report)}
        </>
      )}{" "}
      <button type="button" onClick={() => setAttempt((n) => n + 1)}>
        Verify again
      </button>
    </div>
  );
}

/** One event as a row of the table, its sources numbered. */
function EventRow({ event: e }: { event: LedgerEvent }) {
  return (
    <tr data-event={e.id}>
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
            <a key={i} href={s.url} target="_blank" rel="noreferrer noopener" title={s.title ?? s.url}>
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
  );
}

/**
 * The ledger as a table: the server searches, filters, sorts and counts, and sends the rows 100 at a time; the rows
 * shown are always those of the search, type and order shown.
 */
export function Ledger() {
  const [token, setToken] = useToken();
  const [search, setSearch] = useState("");
  const [type, setType] = useState("");
  const [sort, setSort] = useState<Sort>({ key: "date", dir: "ascending" });
  /** Counts the writes made from this view: the chain, the counts and the rows are read again after each. */
  const [writes, setWrites] = useState(0);
  const { facets, error: facetsError, retry: retryFacets } = useFacets(writes);
  const table = useLedgerRows({ q: search, type, sort: sortParam(sort) });
  const { rows } = table;
  const types = facets?.types.map((t) => t.type) ?? [];
  const onChanged = async () => {
    setWrites((n) => n + 1);
    await table.reload();
  };

  return (
    <section aria-labelledby="ledger-title" className="view">
      <h2 id="ledger-title">Ledger</h2>
      <ChainStatus key={writes} />
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
            value={search}
            placeholder="e.g. ICBM 2022"
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <TypeSelect id="ledger-type" types={types} value={type} onChange={setType} />
        <span role="status" id="ledger-count">
          {rows ? `${rows.total} of ${facets?.events ?? "…"} events` : "Searching…"}
        </span>
      </form>
      {facetsError && <ErrorBox error={facetsError} retry={retryFacets} />}
      {table.error && <ErrorBox error={table.error} retry={table.retry} />}
      <div className="table-wrap">
        <table className="ledger" aria-busy={!rows || table.busy}>
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
            {rows?.events.map((e) => (
              <EventRow key={e.id} event={e} />
            ))}
          </tbody>
        </table>
      </div>
      {!rows && !table.error && <Loading what="the events" />}
      {rows && rows.events.length < rows.total && (
        <button type="button" disabled={table.busy} onClick={() => void table.showMore()}>
          Show {Math.min(ROWS_PAGE, rows.total - rows.events.length)} more
        </button>
      )}
    </section>
  );
}
