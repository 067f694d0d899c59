import { useEffect, useState, type RefObject } from "react";
import { getJson, type LedgerEvent } from "../api";
import { citation, eventsCsv } from "./export";

/** Offers `text` as a file to save, built in the browser. */
function saveFile(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
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
  const saveSvg = () => {
    const svg = chart.current?.querySelector("svg");
    if (!svg) return;
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    saveFile(`${name}.svg`, "image/svg+xml", new XMLSerializer().serializeToString(copy));
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
      </button>
      <p className="small muted" id="timeline-cite">
        Cite this view: {citation({ from, to, type, events: events.length, head })}
      </p>
    </div>
  );
}
