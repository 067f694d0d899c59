import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { lineBatches } from "../../src/importers/lines.js";

async function lines(chunks: Buffer[]): Promise<{ lines: string[]; bytes: number }> {
  let bytes = 0;
  const out: string[] = [];
  for await (const batch of lineBatches(Readable.from(chunks), (n) => (bytes += n))) out.push(...batch);
  return { lines: out, bytes };
}

describe("lineBatches", () => {
  it("splits on \\n and \\r\\n, keeps empty lines, and keeps a last line without an end", async () => {
    const r = await lines([Buffer.from("a\r\nb\n\nc")]);
    expect(r.lines).toEqual(["a", "b", "", "c"]);
    expect(r.bytes).toBe(7);
  });

  it("gives no extra line after a final line end", async () => {
    expect((await lines([Buffer.from("a\nb\n")])).lines).toEqual(["a", "b"]);
    expect((await lines([])).lines).toEqual([]);
  });

  it("joins a line split across chunks, even inside a multi-byte character or between \\r and \\n", async () => {
    const text = Buffer.from("Pyongyang\tP'yŏngyang-si\r\n평양\n");
    // One byte a chunk: every possible cut.
    const r = await lines([...text].map((byte) => Buffer.from([byte])));
    expect(r.lines).toEqual(["Pyongyang\tP'yŏngyang-si", "평양"]);
    expect(r.bytes).toBe(text.length);
  });
});
