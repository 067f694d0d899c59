import { useEffect, useState, type RefObject } from "react";
import { getJson, type LedgerEvent } from "../api";
import { citation, eventsCsv } from "./export";
import { standaloneSvg, svgToPng } from "./png";

/** Offers `content` as a file to save, built in the browser. */
function saveFile(name: string, type: string, content: string | Blob) {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The ledger's head hash (GET /api/health), for citing a view; null until read or when it cannot be. */
function useLedgerHead(): string | null {
  const [head, setHead] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    getJson<{ chain?: { head?: string } }>("/api/health", abort.signal)
      .then((h) => setHead(h.chain?.head ?? null))
      .catch(() => undefined);
    return () => abort.abort();
  }, []);
  return head;
}

/** Save the events shown as CSV, the chart as SVG, and a line to cite the view by. */
export function ExportView(props: {
  events: LedgerEvent[];
  from: string;
  to: string;
  type: string;
  chart: RefObject<HTMLDivElement | null>;
}) {
  const { events, from, to, type, chart } = props;
  const head = useLedgerHead();
  const name = `lockstep-${type || "events"}-${from}-${to}`;
  const [pngError, setPngError] = useState<string | null>(null);
  const svgOf = () => chart.current?.querySelector("svg") ?? null;
  const saveSvg = () => {
    const svg = svgOf();
    if (svg) saveFile(`${name}.svg`, "image/svg+xml", standaloneSvg(svg));
  };
  const savePng = () => {
    const svg = svgOf();
    if (!svg) return;
    setPngError(null);
    svgToPng(svg, 2)
      .then((png) => saveFile(`${name}.png`, "image/png", png))
      .catch((e: Error) => setPngError(e.message));
  };
  return (
    <div className="export" id="timeline-export">
      <button
        type="button"
        id="timeline-csv"
        onClick={() => saveFile(`${name}.csv`, "text/csv", eventsCsv(events))}
      >
        Save the {events.length} events as CSV
      </button>{" "}
      <button type="button" id="timeline-svg" onClick={saveSvg}>
        Save the chart as SVG
      </button>{" "}
      <button type="button" id="timeline-png" onClick={savePng}>
        Save the chart as PNG
      </button>
      {pngError && (
        <span className="error-text" role="alert">
          PNG: {pngError}
        </span>
      )}
      <p className="small muted" id="timeline-cite">
        Cite this view: {citation({ from, to, type, events: events.length, head })}
      </p>
    </div>
  );
}
