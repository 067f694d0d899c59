import { useEffect, useState } from "react";
import { getJson, type CoverageEntry } from "./api";
import { ErrorBox, Loading } from "./common";

/** What periods the record covers, family by family: a zero outside them is missing data, not an observation. */
export function Coverage() {
  const [entries, setEntries] = useState<CoverageEntry[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    getJson<CoverageEntry[]>("/api/coverage", abort.signal)
      .then(setEntries)
      .catch((e: Error) => {
        if (!abort.signal.aborted) setError(e);
      });
    return () => abort.abort();
  }, [attempt]);
  if (error) return <ErrorBox error={error} retry={() => setAttempt((n) => n + 1)} />;
  if (!entries) return <Loading what="the coverage" />;
  return (
    <details id="coverage" className="coverage">
      <summary>
        Coverage:{" "}
        {entries.length ? `${entries.length} families of events, each over its period` : "none written down"}
      </summary>
      {entries.length === 0 ? (
        <p className="muted">No coverage is written down for this ledger: analyses run on the range asked.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Family</th>
                <th scope="col">Filter</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Extent</th>
                <th scope="col">How it is known</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-coverage={e.id}>
                  <th scope="row">{e.label}</th>
                  <td>
                    <code>{e.filter}</code>
                  </td>
                  <td className="nowrap">{e.from}</td>
                  <td className="nowrap">{e.to}</td>
                  <td>{e.extent}</td>
                  <td className="small">{e.basis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
