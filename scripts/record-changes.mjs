// The record audit's list of changes (scenarios/korea/CHANGES.md): every event the audit's files add, and every
// correction with what it changed and the sources it adds. Derived from the scenario files themselves, so that the
// list cannot drift from the record. Run after `npm run build`: `node scripts/record-changes.mjs`.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseEvent } from "../dist/model/index.js";
import { koreaScenarioDir, koreaScenarioFiles } from "../dist/scenario/korea.js";

/** The files of the record audit (issue 10), in import order. */
export const AUDIT_FILES = [
  "unsc.jsonl",
  "ofac.jsonl",
  "summits.jsonl",
  "exercises-2006-2014.jsonl",
  "shows-of-force.jsonl",
  "audit-corrections.jsonl",
  "launch-reports.jsonl",
];

const FIELDS = ["date", "end", "actor", "target", "count", "confidence"];
const show = (v) => (v === undefined ? "—" : Array.isArray(v) ? v.join("+") : String(v));
// As the ledger reads them: parties in any order, an absent count is one.
const DEFAULTS = { count: 1 };
const norm = (e, f) => {
  const v = e[f] ?? DEFAULTS[f];
  const list = typeof v === "string" && (f === "actor" || f === "target") ? v.split("+") : v;
  return Array.isArray(list) ? [...list].sort().join("+") : show(v);
};
const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\s+/g, " ");
const source = (s) =>
  s.url ? `[${cell(s.publisher ?? s.title ?? "source")}](${s.url})` : cell(s.title ?? "—");

function readLines(file) {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** What a correction changed: fields, attributes, and the sources it adds and drops (by URL). */
export function changes(before, after) {
  const out = [];
  for (const f of FIELDS)
    if (norm(before, f) !== norm(after, f)) out.push(`${f} ${norm(before, f)} → ${norm(after, f)}`);
  const keys = new Set([...Object.keys(before.attributes ?? {}), ...Object.keys(after.attributes ?? {})]);
  for (const k of keys) {
    const [a, b] = [JSON.stringify(before.attributes?.[k]), JSON.stringify(after.attributes?.[k])];
    if (a !== b) out.push(`${k} ${a ?? "—"} → ${b ?? "—"}`);
  }
  const urls = (e) => new Set(e.sources.map((s) => s.url).filter(Boolean));
  const [was, is] = [urls(before), urls(after)];
  const added = after.sources.filter((s) => s.url && !was.has(s.url));
  const dropped = before.sources.filter((s) => s.url && !is.has(s.url));
  if (added.length) out.push(`sources added: ${added.map(source).join(", ")}`);
  if (dropped.length) out.push(`sources dropped: ${dropped.map(source).join(", ")}`);
  return out.length ? out.join("; ") : "wording only";
}

/** The document: a table of additions per file, then one of corrections. */
export function recordChanges(dir = koreaScenarioDir()) {
  const byId = new Map();
  const files = koreaScenarioFiles(dir).filter((f) => f.format === "jsonl");
  const added = [];
  const corrected = [];
  for (const f of files) {
    const name = basename(f.file);
    for (const raw of readLines(f.file)) {
      const parsed = parseEvent(raw);
      if (!parsed.ok) throw new Error(`${f.file}: ${JSON.stringify(parsed.issues)}`);
      byId.set(parsed.event.id, raw);
      if (!AUDIT_FILES.includes(name)) continue;
      if (raw.supersedes?.length) {
        const old = raw.supersedes.map((id) => byId.get(id));
        corrected.push({
          name,
          raw,
          what: old.every(Boolean) ? old.map((o) => changes(o, raw)).join(" / ") : "",
        });
      } else added.push({ name, raw });
    }
  }
  const lines = [
    "# Changes of the record audit",
    "",
    "Generated from the scenario files by `node scripts/record-changes.mjs` (a test checks it is current). Every",
    "event the audit added and every correction, with the sources each cites; the CNS corrections are in",
    "`cns/corrections.csv` and in [README.md](README.md). Nothing was removed outright: a correction supersedes the",
    "event it corrects, which stays in the ledger's history (`lockstep events --all`).",
    "",
    `## Added (${added.length})`,
    "",
  ];
  for (const file of AUDIT_FILES) {
    const rows = added.filter((a) => a.name === file);
    if (!rows.length) continue;
    lines.push(
      `### ${file} (${rows.length})`,
      "",
      "| date | type | actor | summary | confidence | sources |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const { raw } of rows)
      lines.push(
        `| ${raw.date}${raw.end ? ` to ${raw.end}` : ""} | ${raw.type} | ${show(raw.actor)} | ${cell(raw.summary ?? "")} | ${raw.confidence} | ${raw.sources.map(source).join(", ")} |`,
      );
    lines.push("");
  }
  lines.push(
    `## Corrected (${corrected.length})`,
    "",
    "| date | type | summary | what changed | file |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const { name, raw, what } of corrected)
    lines.push(
      `| ${raw.date} | ${raw.type} | ${cell(raw.summary ?? "")} | ${cell(what || "supersedes a CNS record")} | ${name} |`,
    );
  return lines.join("\n") + "\n";
}

if (import.meta.url === `file://${process.argv[1]}`)
  writeFileSync(join(koreaScenarioDir(), "CHANGES.md"), recordChanges());
