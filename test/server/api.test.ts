import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockstep, repoRoot } from "../cli/run-cli.js";
import { holdWriteLock } from "./engine.js";
import { demoLedger, expectError, request, startServer, tempDir, type Running } from "./helpers.js";

let server: Running;
let db: string;
let tokens: { editor: string; admin: string; revoked: string };
const api = (path: string) => `${server.url}${path}`;

interface Health {
  ok: boolean;
  entries: number;
  events: number;
  chain: { ok: boolean; entries: number; head: string };
}

const SOURCES = [{ url: "https://example.org/report", title: "A test report" }];
const meeting = (date: string, name = "Test talks") => ({
  type: "summit_or_meeting",
  date,
  actor: "USA+PRK",
  attributes: { name },
  sources: SOURCES,
});

async function entries(): Promise<number> {
  return (await request<Health>(api("/api/health"))).body.entries;
}

/** Nothing written: the count is what it was, and the chain still verifies. */
async function expectUnchanged(before: number) {
  expect(await entries()).toBe(before);
  const v = await request<{ ok: boolean; entries: number }>(api("/api/verify"));
  expect(v.status).toBe(200);
  expect(v.body).toMatchObject({ ok: true, entries: before });
}

beforeAll(async () => {
  const built = await demoLedger();
  db = built.db;
  tokens = built.tokens;
  const custom = join(built.dir, "agreements");
  mkdirSync(custom);
  writeFileSync(
    join(custom, "test-talks.yaml"),
    [
      "id: test-talks",
      "title: Talks within a year",
      "status: proposed",
      "effective: 2029-01-01",
      "parties:",
      "  - { id: PRK, role: party }",
      "  - { id: USA, role: party }",
      "obligations:",
      "  - id: talks",
      "    title: Meet",
      "    debtor: [PRK, USA]",
      "    kind: perform",
      "    counts: actor=PRK,USA type=summit_or_meeting",
      "    window: { for: P365D }",
      "",
    ].join("\n"),
  );
  server = await startServer({ db, agreements: [custom] });
});

afterAll(async () => {
  await server?.close();
});

describe("reading", () => {
  it("GET /api/health: event count and chain status", async () => {
    const r = await request<Health>(api("/api/health"));
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.entries).toBeGreaterThan(200);
    expect(r.body.events).toBeGreaterThan(200);
    expect(r.body.events).toBeLessThanOrEqual(r.body.entries);
    expect(r.body.chain).toMatchObject({ ok: true, entries: r.body.entries });
  });

  it("GET /api/events: the CLI's filters, paginated, in the CLI's JSON form", async () => {
    const q = "actor=PRK&type=missile_launch&from=2022-10-01&to=2022-10-31";
    const all = await request<{ total: number; events: { id: string; date: string }[] }>(
      api(`/api/events?${q}&limit=1000`),
    );
    expect(all.status).toBe(200);
    const cli = lockstep([
      "events",
      "--db",
      db,
      "--json",
      "actor=PRK",
      "type=missile_launch",
      "--from",
      "2022-10-01",
      "--to",
      "2022-10-31",
    ]);
    expect(cli.code).toBe(0);
    expect(all.body.events).toEqual(JSON.parse(cli.stdout));
    expect(all.body.total).toBe(all.body.events.length);

    const page = await request<{ total: number; limit: number; offset: number; events: { id: string }[] }>(
      api(`/api/events?${q}&limit=2&offset=1`),
    );
    expect(page.body).toMatchObject({ total: all.body.total, limit: 2, offset: 1 });
    expect(page.body.events.map((e) => e.id)).toEqual(all.body.events.slice(1, 3).map((e) => e.id));
  });

  it("GET /api/events: attribute terms, repeated and comma-separated values, history", async () => {
    const a = await request<{ total: number; events: { attributes: { class: string } }[] }>(
      api("/api/events?type=missile_launch&class=ICBM&limit=1000"),
    );
    const b = await request<{ total: number }>(api("/api/events?type=missile_launch&where=class%3DICBM"));
    expect(a.body.total).toBeGreaterThan(0);
    expect(b.body.total).toBe(a.body.total);
    expect(a.body.events.every((e) => e.attributes.class === "ICBM")).toBe(true);
    const two = await request<{ total: number }>(api("/api/events?actor=USA&actor=PRK"));
    const comma = await request<{ total: number }>(api("/api/events?actor=USA,PRK"));
    expect(two.body.total).toBe(comma.body.total);
    const current = await request<{ total: number }>(api("/api/events"));
    const history = await request<{ total: number }>(api("/api/events?history=true"));
    expect(history.body.total).toBeGreaterThan(current.body.total);
  });

  it("GET /api/events: bad filters are 400 naming the parameter", async () => {
    expect(expectError(await request(api("/api/events?type=launch")), 400).issues?.[0]?.path).toBe("type");
    expect(expectError(await request(api("/api/events?from=yesterday")), 400).issues?.[0]?.path).toBe("from");
    expect(
      expectError(await request(api("/api/events?type=missile_launch&class=ICMB")), 400).issues?.[0],
    ).toMatchObject({ path: "class", message: '"ICMB" is not a possible class (did you mean ICBM?)' });
    expect(expectError(await request(api("/api/events?actor=NKR")), 400).issues?.[0]).toMatchObject({
      path: "actor",
      message: expect.stringMatching(
        /no event in the ledger has the actor "NKR" \(did you mean NK = PRK\?\)/,
      ),
    });
    expect(expectError(await request(api("/api/events?limit=-1")), 400).issues?.[0]?.path).toBe("limit");
    expect(expectError(await request(api("/api/events?limit=5000")), 400).issues?.[0]?.path).toBe("limit");
    expect(expectError(await request(api("/api/events?offset=x")), 400).issues?.[0]?.path).toBe("offset");
  });

  it("GET /api/verify: the chain report", async () => {
    const r = await request<{ ok: boolean; entries: number; head: string }>(api("/api/verify"));
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    const cli = JSON.parse(lockstep(["verify", "--db", db, "--json"]).stdout) as { head: string };
    expect(r.body.head).toBe(cli.head);
  });

  it("unknown routes: 404 with the uniform body", async () => {
    expectError(await request(api("/api/nothing")), 404);
    expectError(await request(api("/api/agreements/no-such/evaluation")), 404);
  });
});

/** An evaluation as the command line prints it, less the agreement's file (which the API does not give). */
function withoutFile(ev: { agreement: { file?: string } }) {
  const { file: _file, ...agreement } = ev.agreement;
  return { ...ev, agreement };
}

describe("agreements", () => {
  it("GET /api/agreements: the bundled ones and those of --agreements", async () => {
    const r = await request<{ agreements: { id: string; origin: string; obligations: { id: string }[] }[] }>(
      api("/api/agreements"),
    );
    expect(r.status).toBe(200);
    const ids = r.body.agreements.map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining(["moratorium-2018", "singapore-2018", "unsc-resolutions", "test-talks"]),
    );
    expect(r.body.agreements.find((a) => a.id === "test-talks")?.origin).toBe("custom");
    expect(r.body.agreements.find((a) => a.id === "moratorium-2018")?.origin).toBe("bundled");
    expect(r.body.agreements.find((a) => a.id === "moratorium-2018")?.obligations.map((o) => o.id)).toContain(
      "no-icbm-launches",
    );
  });

  it("GET /api/agreements/:id/evaluation: the same JSON as lockstep check --format json", async () => {
    const r = await request<{
      obligations: { id: string; status: string; since: string }[];
    }>(api("/api/agreements/moratorium-2018/evaluation?asOf=2022-10-28"));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    const cli = lockstep([
      "check",
      join(repoRoot, "scenarios/korea/agreements/moratorium-2018.yaml"),
      "--db",
      db,
      "--as-of",
      "2022-10-28",
      "--format",
      "json",
    ]);
    expect(cli.stderr).toBe("");
    expect(r.body).toEqual(withoutFile(JSON.parse(cli.stdout)));
    // The API says nothing of the server's files; the command line names the file it read.
    expect(r.text).not.toContain(repoRoot);
    expect(r.body.obligations.find((o) => o.id === "no-icbm-launches")).toMatchObject({
      status: "violated",
      since: "2022-03-16",
    });
    // Asked again (from the cache), the same.
    const again = await request(api("/api/agreements/moratorium-2018/evaluation?asOf=2022-10-28"));
    expect(again.text).toBe(r.text);
  });

  it("evaluation of a phased deal: late and undone steps, each debtor's part, the short answer, who moved first", async () => {
    const r = await request<{
      summary: { text: string };
      obligations: {
        id: string;
        status: string;
        since: string;
        parties?: { party: string; status: string }[];
      }[];
      reciprocity: {
        links: { from: string; to: string; firstMover: string[]; answer: { status: string } | null }[];
      };
      withdrawals: { party: string; date: string }[];
    }>(api("/api/agreements/military-agreement-2018/evaluation?asOf=2024-06-30"));
    expect(r.status).toBe(200);
    const cli = lockstep([
      "check",
      join(repoRoot, "scenarios/korea/agreements/military-agreement-2018.yaml"),
      "--db",
      db,
      "--as-of",
      "2024-06-30",
      "--json",
    ]);
    expect(r.body).toEqual(withoutFile(JSON.parse(cli.stdout)));
    expect(r.body.summary.text).toMatch(/^First breach: PRK remains-recovery \(overdue\) on 2019-11-01; /);
    expect(r.body.obligations.find((o) => o.id === "guard-posts")?.parties).toEqual([
      expect.objectContaining({ party: "KOR", status: "reversed" }),
      expect.objectContaining({ party: "PRK", status: "reversed" }),
    ]);
    expect(r.body.withdrawals).toEqual([expect.objectContaining({ party: "PRK", date: "2023-11-23" })]);
    const sea = r.body.reciprocity.links.find((l) => l.from === "dprk-sea-buffer")!;
    expect(sea.firstMover.sort()).toEqual(["KOR", "PRK"]);
  });

  it("GET /api/audit: the record against the source policy, as lockstep audit --json", async () => {
    const r = await request<{
      events: number;
      byClass: Record<string, number>;
      findings: { rule: string }[];
    }>(api("/api/audit"));
    expect(r.status).toBe(200);
    const cli = lockstep(["audit", "--db", db, "--json"]);
    expect(r.body).toEqual(JSON.parse(cli.stdout));
    expect(r.body.events).toBeGreaterThan(300);
    expect(Object.values(r.body.byClass).reduce((a, b) => a + b, 0)).toBe(r.body.events);
  });

  it("GET /api/coverage: the bundled record's coverage, as lockstep coverage --json", async () => {
    const r = await request<{ id: string; from: string; to: string }[]>(api("/api/coverage"));
    expect(r.status).toBe(200);
    expect(r.body).toEqual(JSON.parse(lockstep(["coverage", "--db", db, "--json"]).stdout));
    const file = JSON.parse(readFileSync(join(repoRoot, "scenarios/korea/coverage.json"), "utf8")) as {
      series: unknown[];
    };
    expect(r.body).toEqual(file.series);
  });

  it("evaluation: a bad asOf is 400 naming it", async () => {
    const e = expectError(
      await request(api("/api/agreements/moratorium-2018/evaluation?asOf=2022-13-01")),
      400,
    );
    expect(e.issues?.[0]?.path).toBe("asOf");
    const future = expectError(
      await request(api("/api/agreements/moratorium-2018/evaluation?asOf=2099-01-01")),
      400,
    );
    expect(future.error).toMatch(/asOf 2099-01-01 is after today/);
    // Today lies after the bundled record's coverage: the answer comes, marked as extrapolation.
    const today = await request(api("/api/agreements/moratorium-2018/evaluation"));
    expect(today.status).toBe(200);
    expect(today.headers.get("lockstep-extrapolation")).toMatch(
      /^the record is researched up to \d{4}-\d{2}-\d{2}/,
    );
    const within = await request(api("/api/agreements/moratorium-2018/evaluation?asOf=2022-10-28"));
    expect(within.headers.get("lockstep-extrapolation")).toBeNull();
  });
});

describe("analysis", () => {
  const cause = "actor=USA type=military_exercise status=held";
  const effect = "actor=PRK type=missile_launch";

  it("GET /api/analysis/react: the same JSON as lockstep react --json", async () => {
    const q = new URLSearchParams({
      cause,
      effect,
      window: "0..14",
      from: "2015-01-01",
      to: "2022-10-28",
      permutations: "500",
      seed: "7",
    });
    const r = await request<{ windowTest: { permutations: number } }>(api(`/api/analysis/react?${q}`));
    expect(r.status).toBe(200);
    const cli = lockstep([
      "react",
      "--db",
      db,
      "--cause",
      cause,
      "--effect",
      effect,
      "--window",
      "0..14",
      "--from",
      "2015-01-01",
      "--to",
      "2022-10-28",
      "--permutations",
      "500",
      "--seed",
      "7",
      "--json",
    ]);
    expect(cli.code).toBe(0);
    expect(r.body).toEqual(JSON.parse(cli.stdout));
  });

  it("react: bad parameters are 400 naming them", async () => {
    const bad = async (q: Record<string, string>, path: string) => {
      const e = expectError(await request(api(`/api/analysis/react?${new URLSearchParams(q)}`)), 400);
      expect(e.issues?.map((i) => i.path)).toContain(path);
    };
    await bad({ effect }, "cause");
    await bad({ cause, effect, window: "14..0" }, "window");
    await bad({ cause, effect: "actor=PRK type=missile_launch class=ICMB" }, "effect.class");
    await bad({ cause, effect, permutations: "0" }, "permutations");
    await bad({ cause, effect, permutations: "1000000" }, "permutations");
    await bad({ cause, effect, from: "2022-01-01", to: "2021-01-01" }, "to");
    await bad({ cause, effect, seed: "x" }, "seed");
  });

  it("GET /api/analysis/granger: the same JSON as lockstep granger --json", async () => {
    const x = "actor=USA type=military_exercise";
    const y = "actor=PRK type=missile_launch";
    const q = new URLSearchParams({ x, y, freq: "month", maxlag: "3", from: "2012-01-01", to: "2022-10-28" });
    const r = await request(api(`/api/analysis/granger?${q}`));
    expect(r.status).toBe(200);
    const cli = lockstep([
      "granger",
      "--db",
      db,
      "--x",
      x,
      "--y",
      y,
      "--freq",
      "month",
      "--maxlag",
      "3",
      "--from",
      "2012-01-01",
      "--to",
      "2022-10-28",
      "--json",
    ]);
    expect(cli.code).toBe(0);
    expect(r.body).toEqual(JSON.parse(cli.stdout));
    const e = expectError(
      await request(
        api(`/api/analysis/granger?x=${encodeURIComponent(x)}&y=${encodeURIComponent(y)}&freq=year`),
      ),
      400,
    );
    expect(e.issues?.[0]?.path).toBe("freq");
    const lag = expectError(
      await request(api(`/api/analysis/granger?${new URLSearchParams({ x, y, maxlag: "2", lag: "3" })}`)),
      400,
    );
    expect(lag.issues?.[0]?.path).toBe("lag");
  });
});

describe("writing events", () => {
  it("without a token: 401, with a wrong or revoked one: 403; nothing written", async () => {
    const before = await entries();
    const none = await request(api("/api/events"), { method: "POST", json: meeting("2030-01-01") });
    expectError(none, 401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectError(
      await request(api("/api/events"), { method: "POST", json: meeting("2030-01-01"), token: "lst_wrong" }),
      403,
    );
    expectError(
      await request(api("/api/events"), {
        method: "POST",
        json: meeting("2030-01-01"),
        token: tokens.revoked,
      }),
      403,
    );
    expectError(
      await request(api("/api/events"), {
        method: "POST",
        json: meeting("2030-01-01"),
        headers: { authorization: "Basic eDp5" },
      }),
      401,
    );
    await expectUnchanged(before);
  });

  it("POST /api/events: one event, then the same again as a duplicate", async () => {
    const before = await entries();
    const r = await request<{ added: number; duplicates: number; ids: string[] }>(api("/api/events"), {
      method: "POST",
      json: meeting("2030-01-02"),
      token: tokens.editor,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ added: 1, duplicates: 0 });
    expect(r.body.ids[0]).toMatch(/^ev_[0-9a-f]{20}$/);
    expect(await entries()).toBe(before + 1);
    const again = await request(api("/api/events"), {
      method: "POST",
      json: meeting("2030-01-02"),
      token: tokens.editor,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ added: 0, duplicates: 1 });
    const listed = await request<{
      events: { id: string; provenance: { importer: string; file: string } }[];
    }>(api("/api/events?from=2030-01-02&to=2030-01-02"));
    expect(listed.body.events[0]).toMatchObject({ id: r.body.ids[0], provenance: { importer: "api" } });
    expect(listed.body.events[0]!.provenance.file).toMatch(/^api\/tok_/);
  });

  it("POST /api/events: an array, added together", async () => {
    const before = await entries();
    const r = await request(api("/api/events"), {
      method: "POST",
      json: [meeting("2030-02-01"), meeting("2030-02-02")],
      token: tokens.admin,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ added: 2 });
    expect(await entries()).toBe(before + 2);
  });

  it("POST /api/events: invalid events are 400 with the field path, and nothing is written", async () => {
    const before = await entries();
    const post = (json: unknown) =>
      request(api("/api/events"), { method: "POST", json, token: tokens.editor });
    const url = expectError(await post({ ...meeting("2030-03-01"), sources: [{ url: "not a url" }] }), 400);
    expect(url.issues?.map((i) => i.path)).toContain("sources.0.url");
    const second = expectError(
      await post([meeting("2030-03-02"), { ...meeting("2030-03-03"), date: "March" }]),
      400,
    );
    expect(second.issues).toEqual([expect.objectContaining({ path: "1.date", record: "1" })]);
    const attr = expectError(await post({ ...meeting("2030-03-04"), attributes: {} }), 400);
    expect(attr.issues?.[0]?.path).toBe("attributes.name");
    expectError(await post([]), 400);
    expectError(await post("an event"), 400);
    const broken = await request(api("/api/events"), {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json" },
      token: tokens.editor,
    });
    expectError(broken, 400);
    await expectUnchanged(before);
  });

  it("POST /api/events: 503 with Retry-After while another process holds the ledger to write", async () => {
    const before = await entries();
    const release = await holdWriteLock(db); // e.g. a command-line import
    try {
      const r = await request(api("/api/events"), {
        method: "POST",
        json: meeting("2030-05-01"),
        token: tokens.editor,
      });
      expect(expectError(r, 503).error).toMatch(/busy.*try again/);
      expect(r.headers.get("retry-after")).toBe("5");
    } finally {
      await release();
    }
    const r = await request(api("/api/events"), {
      method: "POST",
      json: meeting("2030-05-01"),
      token: tokens.editor,
    });
    expect(r.status).toBe(201);
    expect(await entries()).toBe(before + 1);
  });

  it("POST /api/events: a body over 1 MiB is 413", async () => {
    const before = await entries();
    const big = { ...meeting("2030-04-01"), summary: "x".repeat(1024 * 1024 + 10) };
    expectError(await request(api("/api/events"), { method: "POST", json: big, token: tokens.editor }), 413);
    await expectUnchanged(before);
  });
});

describe("imports", () => {
  const jsonl = (dates: string[]) =>
    dates.map((d) => JSON.stringify(meeting(d, "Imported talks"))).join("\n") + "\n";

  it("POST /api/imports: needs a token", async () => {
    const before = await entries();
    expectError(await request(api("/api/imports"), { method: "POST", body: jsonl(["2031-01-01"]) }), 401);
    expectError(
      await request(api("/api/imports"), { method: "POST", body: jsonl(["2031-01-01"]), token: "nope" }),
      403,
    );
    await expectUnchanged(before);
  });

  it("POST /api/imports: JSON Lines, detected; then again, all duplicates", async () => {
    const before = await entries();
    const body = jsonl(["2031-01-01", "2031-01-02", "2031-01-03"]);
    const r = await request(api("/api/imports?filename=talks.jsonl"), {
      method: "POST",
      body,
      headers: { "content-type": "application/x-ndjson" },
      token: tokens.editor,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ importer: "jsonl", read: 3, added: 3, duplicates: 0, rejected: 0 });
    expect(r.body.file).toMatch(/^api\/tok_[0-9a-f]+\/talks\.jsonl$/);
    expect(await entries()).toBe(before + 3);
    const again = await request(api("/api/imports?format=jsonl"), {
      method: "POST",
      body,
      token: tokens.editor,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ added: 0, duplicates: 3 });
  });

  /** Polls /api/health until `until` settles, returning every entry count seen meanwhile. */
  async function countsDuring(until: Promise<unknown>): Promise<number[]> {
    let settled = false;
    void until.finally(() => (settled = true));
    const seen: number[] = [];
    while (!settled) seen.push(await entries());
    return seen;
  }

  it("POST /api/imports: requests served meanwhile see the ledger as it was, never half an import", async () => {
    const before = await entries();
    const dates = Array.from({ length: 3000 }, (_, i) =>
      new Date(Date.UTC(2040, 0, 1 + i)).toISOString().slice(0, 10),
    );
    const failing = jsonl(dates) + '{"type":"summit_or_meeting"}\n';
    const post = (body: string) =>
      request(api("/api/imports?format=jsonl"), { method: "POST", body, token: tokens.editor });
    const failed = post(failing);
    const seenFailing = await countsDuring(failed);
    expect((await failed).status).toBe(400);
    expect(seenFailing.length).toBeGreaterThan(1);
    expect(new Set(seenFailing)).toEqual(new Set([before]));

    const imported = post(jsonl(dates));
    // A write sent meanwhile waits for the import (or the import for it): they land one after the other.
    const added = request(api("/api/events"), {
      method: "POST",
      json: meeting("2050-01-01"),
      token: tokens.editor,
    });
    const seen = await countsDuring(Promise.all([imported, added]));
    expect((await imported).status).toBe(201);
    expect((await added).status).toBe(201);
    const whole = [before, before + 1, before + 3000, before + 3001];
    expect(seen.filter((n) => !whole.includes(n))).toEqual([]);
    expect(await entries()).toBe(before + 3001);
    await expectUnchanged(before + 3001);
  });

  it("POST /api/imports: CSV, detected from its name and header", async () => {
    const before = await entries();
    const csv = [
      "date,actor,target,type,attr.name,source_url,source_title",
      "2031-02-01,USA,PRK,summit_or_meeting,CSV talks,https://example.org/a,Report A",
      "2031-02-02,PRK,USA,summit_or_meeting,CSV talks,https://example.org/b,Report B",
      "",
    ].join("\n");
    const r = await request(api("/api/imports?filename=talks.csv"), {
      method: "POST",
      body: csv,
      headers: { "content-type": "text/csv" },
      token: tokens.editor,
    });
    expect(r.body).toMatchObject({ importer: "csv", read: 2, added: 2 });
    expect(r.status).toBe(201);
    expect(await entries()).toBe(before + 2);
  });

  it("POST /api/imports: all-or-nothing; the issues name the line and field", async () => {
    const before = await entries();
    const body =
      jsonl(["2032-01-01"]) + JSON.stringify({ ...meeting("2032-01-02"), type: "parade" }) + "\n" + "{oops\n";
    const e = expectError(
      await request(api("/api/imports?format=jsonl"), { method: "POST", body, token: tokens.editor }),
      400,
    );
    expect(e.issues).toEqual([
      expect.objectContaining({ record: "2", path: "type" }),
      expect.objectContaining({ record: "3" }),
    ]);
    await expectUnchanged(before);
  });

  it("POST /api/imports: an unknown format, an undetectable file, an empty body are 400", async () => {
    const before = await entries();
    const post = (q: string, body: string) =>
      request(api(`/api/imports${q}`), { method: "POST", body, token: tokens.editor });
    expect(expectError(await post("?format=xml", "<a/>"), 400).issues?.[0]?.path).toBe("format");
    expect(expectError(await post("", "just some text\n"), 400).issues?.[0]?.path).toBe("format");
    expectError(await post("?format=jsonl", ""), 400);
    await expectUnchanged(before);
  });

  it("POST /api/imports: over 10 MiB is 413", async () => {
    const before = await entries();
    const body = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    expectError(
      await request(api("/api/imports?format=jsonl"), { method: "POST", body, token: tokens.editor }),
      413,
    );
    await expectUnchanged(before);
  });
});

describe("tokens", () => {
  it("GET /api/tokens: admin only; ids, roles and dates, never tokens", async () => {
    expectError(await request(api("/api/tokens")), 401);
    expectError(await request(api("/api/tokens"), { token: tokens.editor }), 403);
    const r = await request<{
      tokens: { id: string; role: string; createdAt: string; revokedAt?: string }[];
    }>(api("/api/tokens"), { token: tokens.admin });
    expect(r.status).toBe(200);
    expect(r.body.tokens.map((t) => t.role).sort()).toEqual(["admin", "editor", "editor"]);
    expect(r.text).not.toContain("lst_");
    expect(r.body.tokens.filter((t) => t.revokedAt)).toHaveLength(1);
  });

  it("DELETE /api/tokens/:id: an admin revokes; the token is refused from then on", async () => {
    const dir = tempDir();
    const made = JSON.parse(
      lockstep(["token", "create", "--role", "editor", "--db", db, "--json"], { cwd: dir }).stdout,
    ) as {
      id: string;
      token: string;
    };
    const ok = await request(api("/api/events"), {
      method: "POST",
      json: meeting("2033-01-01"),
      token: made.token,
    });
    expect(ok.status).toBe(201);
    expectError(await request(api(`/api/tokens/${made.id}`), { method: "DELETE", token: made.token }), 403);
    const revoked = await request(api(`/api/tokens/${made.id}`), { method: "DELETE", token: tokens.admin });
    expect(revoked.status).toBe(200);
    expectError(await request(api(`/api/tokens/${made.id}`), { method: "DELETE", token: tokens.admin }), 404);
    const before = await entries();
    expectError(
      await request(api("/api/events"), { method: "POST", json: meeting("2033-01-02"), token: made.token }),
      403,
    );
    await expectUnchanged(before);
  });
});

describe("documentation and CORS", () => {
  it("GET /api/openapi.json describes every route; /api/docs serves the reference", async () => {
    const r = await request<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      api("/api/openapi.json"),
    );
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    for (const [path, method] of [
      ["/api/health", "get"],
      ["/api/events", "get"],
      ["/api/events", "post"],
      ["/api/imports", "post"],
      ["/api/agreements", "get"],
      ["/api/agreements/{id}/evaluation", "get"],
      ["/api/analysis/react", "get"],
      ["/api/analysis/granger", "get"],
      ["/api/verify", "get"],
      ["/api/audit", "get"],
      ["/api/coverage", "get"],
      ["/api/tokens/{id}", "delete"],
    ])
      expect(r.body.paths[path!]?.[method!], `${method} ${path}`).toBeDefined();
    const docs = await request(api("/api/docs"));
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger/i);
  });

  it("every API answer, errors and token lists included, is nosniff and no-store", async () => {
    for (const [path, token] of [
      ["/api/health", undefined],
      ["/api/events?limit=1", undefined],
      ["/api/events?limit=nope", undefined],
      ["/api/tokens", tokens.admin],
      ["/api/no-such-route", undefined],
    ] as const) {
      const r = await request(api(path), token ? { token } : {});
      expect(r.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(r.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("sends no CORS headers unless --cors is given", async () => {
    const r = await request(api("/api/health"), { headers: { origin: "https://elsewhere.example" } });
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
    const withCors = await startServer({ db, cors: "https://app.example" });
    try {
      const ok = await request(`${withCors.url}/api/health`, { headers: { origin: "https://app.example" } });
      expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.example");
      const other = await request(`${withCors.url}/api/health`, {
        headers: { origin: "https://evil.example" },
      });
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
      const pre = await fetch(`${withCors.url}/api/events`, {
        method: "OPTIONS",
        headers: { origin: "https://app.example", "access-control-request-method": "POST" },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    } finally {
      await withCors.close();
    }
  });
});
