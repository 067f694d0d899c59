import { describe, expect, it } from "vitest";
import { InputError, parseEvent, parseMatcher } from "../../src/model/index.js";
import type { LedgerStore } from "../../src/store/store.js";
import { RECORDED_AT, items, launch } from "../ledger/helpers.js";
import { newStore } from "./engine.js";

const options = { importer: "json", file: "a.json", recordedAt: RECORDED_AT };

function idOf(input: unknown): string {
  const r = parseEvent(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.event.id;
}

async function add(store: LedgerStore, ...inputs: unknown[]) {
  return store.appendEvents(items("a.json", inputs), options);
}

function retraction(...ids: string[]) {
  return {
    type: "retraction",
    date: "2022-11-01",
    actor: "PRK",
    supersedes: ids,
    attributes: { reason: "the JCS withdrew its report" },
    sources: [{ title: "JCS correction" }],
  };
}

const ORIGINAL = launch("2022-10-28", { count: 1 });
const CORRECTION = launch("2022-10-28", { count: 2, supersedes: [idOf(ORIGINAL)] });

describe("supersession", () => {
  it("hides a corrected event from the current view", async () => {
    const store = await newStore();
    await add(store, ORIGINAL, launch("2022-11-02"));
    await add(store, CORRECTION);
    expect((await store.queryEvents()).map((e) => [e.date, e.count])).toEqual([
      ["2022-10-28", 2],
      ["2022-11-02", 1],
    ]);
  });

  it("shows both with `history`, the older marked with what superseded it", async () => {
    const store = await newStore();
    await add(store, ORIGINAL);
    await add(store, CORRECTION);
    const all = await store.queryEvents({}, { history: true });
    expect(all.map((e) => [e.id, e.supersededBy])).toEqual([
      [idOf(ORIGINAL), [idOf(CORRECTION)]],
      [idOf(CORRECTION), undefined],
    ]);
    expect(all[1]!.supersedes).toEqual([idOf(ORIGINAL)]);
    expect((await store.queryEvents())[0]).not.toHaveProperty("supersededBy");
  });

  it("accepts a correction of an event earlier in the same batch", async () => {
    const store = await newStore();
    const report = await add(store, ORIGINAL, CORRECTION);
    expect(report.added).toBe(2);
    expect((await store.queryEvents()).map((e) => e.id)).toEqual([idOf(CORRECTION)]);
  });

  it("refuses a correction of an event later in the same batch", async () => {
    const store = await newStore();
    await expect(add(store, CORRECTION, ORIGINAL)).rejects.toThrow(InputError);
  });

  it("merges several reports of one happening into one event", async () => {
    const store = await newStore();
    const yonhap = launch("2022-10-28", {
      sources: [{ url: "https://en.yna.co.kr/view/AEN20221028001751325" }],
    });
    const nhk = launch("2022-10-28", {
      sources: [{ url: "https://www3.nhk.or.jp/nhkworld/en/news/20221028_10/" }],
    });
    await add(store, yonhap, nhk);
    expect(await store.queryEvents()).toHaveLength(2);
    const merged = launch("2022-10-28", {
      count: 2,
      sources: [...(yonhap.sources as object[]), ...(nhk.sources as object[])],
      supersedes: [idOf(yonhap), idOf(nhk)],
    });
    await add(store, merged);
    expect((await store.queryEvents()).map((e) => e.id)).toEqual([idOf(merged)]);
    expect((await store.queryEvents({}, { history: true })).map((e) => e.supersededBy)).toEqual([
      [idOf(merged)],
      [idOf(merged)],
      undefined,
    ]);
  });

  it("hides a retracted event and the retraction itself", async () => {
    const store = await newStore();
    await add(store, ORIGINAL, launch("2022-11-02"));
    const r = retraction(idOf(ORIGINAL));
    await add(store, r);
    expect((await store.queryEvents()).map((e) => e.date)).toEqual(["2022-11-02"]);
    expect(await store.queryEvents(parseMatcherOk("type=retraction"))).toEqual([]);
    const history = await store.queryEvents({}, { history: true });
    expect(history.map((e) => [e.type, e.supersededBy])).toEqual([
      ["missile_launch", [idOf(r)]],
      ["retraction", undefined],
      ["missile_launch", undefined],
    ]);
  });

  it("follows a chain of corrections to the last", async () => {
    const store = await newStore();
    const third = launch("2022-10-28", { count: 3, supersedes: [idOf(CORRECTION)] });
    await add(store, ORIGINAL);
    await add(store, CORRECTION);
    await add(store, third);
    expect((await store.queryEvents()).map((e) => e.count)).toEqual([3]);
    expect(await store.queryEvents({}, { history: true })).toHaveLength(3);
  });

  it("keeps a superseded event hidden when it is imported again", async () => {
    const store = await newStore();
    await add(store, ORIGINAL, CORRECTION);
    const again = await add(store, ORIGINAL);
    expect(again).toMatchObject({ added: 0, duplicates: 1 });
    expect((await store.queryEvents()).map((e) => e.id)).toEqual([idOf(CORRECTION)]);
  });

  it("applies filters to the current view", async () => {
    const store = await newStore();
    await add(store, ORIGINAL, CORRECTION, launch("2022-11-02", { actor: "KOR" }));
    expect((await store.queryEvents(parseMatcherOk("actor=PRK"))).map((e) => e.id)).toEqual([
      idOf(CORRECTION),
    ]);
    expect(await store.queryEvents(parseMatcherOk("actor=PRK"), { history: true })).toHaveLength(2);
  });

  it("rejects superseding an id the ledger does not hold, naming it", async () => {
    const store = await newStore();
    await add(store, launch("2022-11-02"));
    const unknown = "ev_0123456789abcdef0123";
    const err = await add(store, launch("2022-10-28", { supersedes: [unknown] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues).toEqual([
      {
        where: { file: "a.json", record: "1" },
        issue: {
          kind: "validation",
          path: "supersedes",
          message: `supersedes ${unknown}, which is not in the ledger`,
        },
      },
    ]);
    expect(await store.queryEvents({}, { history: true })).toHaveLength(1);
  });

  it("names every missing id", async () => {
    const store = await newStore();
    const report = await store.appendEvents(
      items("a.json", [retraction("ev_0123456789abcdef0123", "ev_aaaaaaaaaaaaaaaaaaaa")]),
      { ...options, skipInvalid: true },
    );
    expect(report.rejected[0]!.issues[0]!.message).toBe(
      "supersedes ev_0123456789abcdef0123, ev_aaaaaaaaaaaaaaaaaaaa, which are not in the ledger",
    );
    expect(report.added).toBe(0);
  });

  it("keeps the chain whole", async () => {
    const store = await newStore();
    await add(store, ORIGINAL, launch("2022-11-02"));
    await add(store, CORRECTION, retraction(idOf(launch("2022-11-02"))));
    expect(await store.verify()).toMatchObject({ ok: true, entries: 4 });
  });
});

function parseMatcherOk(terms: string) {
  const r = parseMatcher(terms);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.matcher;
}
