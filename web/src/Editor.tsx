import { useState, type FormEvent, type ReactNode } from "react";
import { ApiFailure, send, type ApiIssue } from "./api";

const TOKEN_KEY = "lockstep.token";
const CONFIDENCE = ["confirmed", "reported", "unverified", "disputed"];
const FORMATS = ["cns", "gdelt", "jsonl", "csv"];

/** The editor token, kept in sessionStorage only (gone when the tab closes). */
export function useToken(): [string, (token: string) => void] {
  const [token, setToken] = useState(() => {
    try {
      return sessionStorage.getItem(TOKEN_KEY) ?? "";
    } catch {
      return "";
    }
  });
  const update = (t: string) => {
    setToken(t);
    try {
      if (t) sessionStorage.setItem(TOKEN_KEY, t);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // no sessionStorage (private mode): the token lives in this page only
    }
  };
  return [token, update];
}

export function TokenField({ token, onChange }: { token: string; onChange: (t: string) => void }) {
  return (
    <p className="token-field">
      <label>
        Editor token{" "}
        <input
          type="password"
          id="api-token"
          autoComplete="off"
          value={token}
          placeholder="lockstep token create --role editor"
          onChange={(e) => onChange(e.target.value)}
        />
      </label>{" "}
      <span className="muted small">kept in this tab only (sessionStorage), sent as a Bearer token</span>
    </p>
  );
}

/** What a refused write means, in words: 401 and 403 said plainly, the API's message with it. */
function failureText(e: unknown): string {
  if (!(e instanceof ApiFailure)) return (e as Error).message;
  if (e.status === 401)
    return `401 Unauthorized — a token is needed: enter an editor token above. (${e.message})`;
  if (e.status === 403)
    return `403 Forbidden — the token was refused (unknown, revoked or too weak). (${e.message})`;
  if (e.status === 0) return e.message;
  return `${e.status}: ${e.message}`;
}

const splitIds = (s: string): string[] =>
  s
    .split(/[\s,+]+/)
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);
const oneOrMany = (ids: string[]): string | string[] => (ids.length === 1 ? ids[0]! : ids);

/** `key=value` lines, or a JSON object; numbers and true/false in lines are read as such. */
export function parseAttributes(text: string): Record<string, unknown> {
  const t = text.trim();
  if (!t) return {};
  if (t.startsWith("{")) {
    const v: unknown = JSON.parse(t);
    if (!v || typeof v !== "object" || Array.isArray(v))
      throw new Error("attributes: a JSON object is needed");
    return v as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const [n, line] of t.split("\n").entries()) {
    if (!line.trim()) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) throw new Error(`attributes line ${n + 1}: write key=value`);
    const key = line.slice(0, eq).trim();
    const raw = line.slice(eq + 1).trim();
    out[key] = /^-?\d+(\.\d+)?$/.test(raw)
      ? Number(raw)
      : raw === "true"
        ? true
        : raw === "false"
          ? false
          : raw;
  }
  return out;
}

function Issues({ issues }: { issues: ApiIssue[] }) {
  if (!issues.length) return null;
  return (
    <ul className="field-issues" role="alert">
      {issues.map((i, n) => (
        <li key={n}>
          {i.path ? <code>{i.path}</code> : null} {i.message}
        </li>
      ))}
    </ul>
  );
}

function Field({ label, issues, children }: { label: string; issues: ApiIssue[]; children: ReactNode }) {
  return (
    <div className={issues.length ? "field invalid" : "field"}>
      <label>
        <span className="field-label">{label}</span>
        {children}
      </label>
      <Issues issues={issues} />
    </div>
  );
}

/** A labelled text input with the API's issues for it. */
function TextField(props: {
  label: string;
  id: string;
  issues: ApiIssue[];
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  return (
    <Field label={props.label} issues={props.issues}>
      <input
        id={props.id}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  );
}

interface SourceInput {
  url: string;
  title: string;
}

type Outcome = { kind: "ok"; text: string } | { kind: "error"; text: string; issues: ApiIssue[] } | null;

const FIELDS = ["date", "end", "actor", "target", "type", "attributes", "summary", "confidence"] as const;

export function AddEvent(props: { token: string; types: string[]; onAdded: () => Promise<void> }) {
  const [date, setDate] = useState("");
  const [end, setEnd] = useState("");
  const [actor, setActor] = useState("");
  const [target, setTarget] = useState("");
  const [type, setType] = useState("");
  const [attributes, setAttributes] = useState("");
  const [summary, setSummary] = useState("");
  const [confidence, setConfidence] = useState("");
  const [sources, setSources] = useState<SourceInput[]>([{ url: "", title: "" }]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const issues = outcome?.kind === "error" ? outcome.issues : [];
  /** The issues whose path is `prefix` or lies under it (`sources.0.url` under `sources.0`). */
  const at = (prefix: string) => issues.filter((i) => i.path === prefix || i.path?.startsWith(`${prefix}.`));
  const sourceIssues = (n: number) => at(`sources.${n}`);
  const placed = (i: ApiIssue) =>
    i.path !== undefined &&
    (FIELDS.some((f) => i.path === f || i.path!.startsWith(`${f}.`)) || /^sources\.\d+(\.|$)/.test(i.path));
  const general = issues.filter((i) => !placed(i));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let attrs: Record<string, unknown>;
    try {
      attrs = parseAttributes(attributes);
    } catch (err) {
      setOutcome({
        kind: "error",
        text: "The attributes could not be read.",
        issues: [{ path: "attributes", message: (err as Error).message }],
      });
      return;
    }
    const actors = splitIds(actor);
    const targets = splitIds(target);
    const event: Record<string, unknown> = {
      date: date.trim(),
      ...(end.trim() ? { end: end.trim() } : {}),
      actor: oneOrMany(actors),
      ...(targets.length ? { target: oneOrMany(targets) } : {}),
      type: type.trim(),
      ...(Object.keys(attrs).length ? { attributes: attrs } : {}),
      ...(summary.trim() ? { summary: summary.trim() } : {}),
      sources: sources
        .filter((s) => s.url.trim() || s.title.trim())
        .map((s) => ({
          ...(s.url.trim() ? { url: s.url.trim() } : {}),
          ...(s.title.trim() ? { title: s.title.trim() } : {}),
        })),
      ...(confidence ? { confidence } : {}),
    };
    setBusy(true);
    setOutcome(null);
    try {
      const r = await send<{ added: number; duplicates: number; ids: string[] }>("/api/events", {
        method: "POST",
        token: props.token,
        body: JSON.stringify(event),
        contentType: "application/json",
      });
      await props.onAdded();
      setOutcome({
        kind: "ok",
        text: r.added
          ? `Added ${r.ids.join(", ")}.`
          : `Nothing added: the event is already in the ledger (${r.duplicates} duplicate).`,
      });
    } catch (err) {
      setOutcome({
        kind: "error",
        text: failureText(err),
        issues: err instanceof ApiFailure ? err.issues : [],
      });
    } finally {
      setBusy(false);
    }
  };

  const setSource = (n: number, patch: Partial<SourceInput>) =>
    setSources((all) => all.map((s, i) => (i === n ? { ...s, ...patch } : s)));

  return (
    <form id="add-event" className="editor" onSubmit={(e) => void submit(e)} noValidate>
      <h3>Add an event</h3>
      <div className="fields">
        <TextField
          label="Date"
          id="event-date"
          issues={at("date")}
          value={date}
          onChange={setDate}
          placeholder="YYYY-MM-DD"
        />
        <TextField
          label="End (optional)"
          id="event-end"
          issues={at("end")}
          value={end}
          onChange={setEnd}
          placeholder="YYYY-MM-DD"
        />
        <TextField
          label="Actor(s)"
          id="event-actor"
          issues={at("actor")}
          value={actor}
          onChange={setActor}
          placeholder="PRK or USA,KOR"
        />
        <TextField
          label="Target(s)"
          id="event-target"
          issues={at("target")}
          value={target}
          onChange={setTarget}
          placeholder="optional"
        />
        <Field label="Type" issues={at("type")}>
          <input
            id="event-type"
            list="event-types"
            value={type}
            placeholder="missile_launch"
            onChange={(e) => setType(e.target.value)}
          />
          <datalist id="event-types">
            {props.types.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </Field>
        <Field label="Confidence" issues={at("confidence")}>
          <select id="event-confidence" value={confidence} onChange={(e) => setConfidence(e.target.value)}>
            <option value="">(default: reported)</option>
            {CONFIDENCE.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label="Attributes: key=value lines, or a JSON object" issues={at("attributes")}>
        <textarea
          id="event-attributes"
          rows={3}
          value={attributes}
          placeholder={"class=SRBM\nmissile=KN-23"}
          onChange={(e) => setAttributes(e.target.value)}
        />
      </Field>
      <Field label="Summary" issues={at("summary")}>
        <input
          id="event-summary"
          className="wide"
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
      </Field>
      <fieldset className="sources-input">
        <legend>Sources (at least one)</legend>
        <Issues issues={issues.filter((i) => i.path === "sources")} />
        {sources.map((s, n) => (
          <div key={n} className="source-row" data-source={n}>
            <Field label={`URL ${n + 1}`} issues={at(`sources.${n}.url`)}>
              <input
                className="source-url"
                type="url"
                value={s.url}
                placeholder="https://…"
                onChange={(e) => setSource(n, { url: e.target.value })}
              />
            </Field>
            <Field label="Title" issues={at(`sources.${n}.title`)}>
              <input
                className="source-title"
                value={s.title}
                onChange={(e) => setSource(n, { title: e.target.value })}
              />
            </Field>
            <Issues
              issues={sourceIssues(n).filter(
                (i) => i.path !== `sources.${n}.url` && i.path !== `sources.${n}.title`,
              )}
            />
            {sources.length > 1 && (
              <button type="button" onClick={() => setSources((all) => all.filter((_, i) => i !== n))}>
                Remove
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => setSources((all) => [...all, { url: "", title: "" }])}>
          Add a source
        </button>
      </fieldset>
      <p>
        <button type="submit" id="event-submit" disabled={busy}>
          {busy ? "Adding…" : "Add the event"}
        </button>
      </p>
      <div id="add-event-status" aria-live="polite">
        {outcome?.kind === "ok" && (
          <p className="ok" role="status">
            {outcome.text}
          </p>
        )}
        {outcome?.kind === "error" && (
          <div className="error" role="alert">
            <strong>Not added:</strong> {outcome.text}
            <Issues issues={general} />
          </div>
        )}
      </div>
    </form>
  );
}

export function ImportFile(props: { token: string; onImported: () => Promise<void> }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setOutcome({ kind: "error", text: "Choose a file first.", issues: [] });
      return;
    }
    const q = new URLSearchParams({ filename: file.name, ...(format ? { format } : {}) });
    setBusy(true);
    setOutcome(null);
    try {
      const r = await send<{ added?: number; duplicates?: number; rejected?: number }>(`/api/imports?${q}`, {
        method: "POST",
        token: props.token,
        body: file,
        contentType: "application/octet-stream",
      });
      await props.onImported();
      setOutcome({
        kind: "ok",
        text: `Imported ${file.name}: ${r.added ?? 0} added, ${r.duplicates ?? 0} already in the ledger, ${r.rejected ?? 0} rejected.`,
      });
    } catch (err) {
      setOutcome({
        kind: "error",
        text: failureText(err),
        issues: err instanceof ApiFailure ? err.issues : [],
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="import-file" className="editor controls" onSubmit={(e) => void submit(e)}>
      <h3>Import a file</h3>
      <label>
        File <input type="file" id="import-input" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <label>
        Format{" "}
        <select id="import-format" value={format} onChange={(e) => setFormat(e.target.value)}>
          <option value="">detect</option>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Importing…" : "Import"}
      </button>
      <div id="import-status" aria-live="polite">
        {outcome?.kind === "ok" && (
          <p className="ok" role="status">
            {outcome.text}
          </p>
        )}
        {outcome?.kind === "error" && (
          <div className="error" role="alert">
            <strong>Not imported:</strong> {outcome.text}
            <ul className="field-issues">
              {outcome.issues.map((i, n) => (
                <li key={n}>
                  {i.record ? `record ${i.record}: ` : ""}
                  {i.path ? <code>{i.path}</code> : null} {i.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </form>
  );
}
