import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { lineBatches } from "../../src/importers/lines.js";

async function lines(chunks: Buffer[]): Promise<{ lines: string[]; bytes: number }> {
  let bytes = 0;
  const out: string[] = [];
  for await (const batch of lineBatches(Readable.from(chunks), { onBytes: (n) => (bytes += n) }))
    out.push(...batch);
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

describe("lineBatches: limits and strict input", () => {
  const collect = async (chunks: Buffer[], options = {}) => {
    const out: string[] = [];
    for await (const batch of lineBatches(Readable.from(chunks), { file: "f.jsonl", ...options }))
      out.push(...batch);
    return out;
  };

  it("is linear in a line's length: one 8 MiB line reads about as fast as 8 MiB of short lines", async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const short = Buffer.from(chunk.toString().replace(/a{63}(a)/g, "$1\n".padStart(64, "a")));
    const time = async (chunks: Buffer[]) => {
      const started = performance.now();
      const out = await collect(chunks, { maxLineBytes: 16 * 1024 * 1024 });
      return { ms: performance.now() - started, out };
    };
    const lines = await time(Array.from({ length: 128 }, () => short));
    const one = await time([...Array.from({ length: 128 }, () => chunk), Buffer.from("\n")]);
    expect(one.out[0]!.length).toBe(8 * 1024 * 1024);
    // Re-splitting the pending line at each chunk (the old reader) made this ~100 times slower than short lines.
    expect(one.ms).toBeLessThan(10 * lines.ms + 500);
  });

  it("refuses a line over the limit, naming the file and the line, before reading the rest", async () => {
    const long = Buffer.alloc(2 * 1024 * 1024, 0x61);
    await expect(collect([Buffer.from("{}\n"), long])).rejects.toThrow(
      /f\.jsonl:2: line 2 is longer than 1048576 bytes/,
    );
    await expect(collect([Buffer.from("abcdef\n")], { maxLineBytes: 4 })).rejects.toThrow(/line 1 is longer/);
    expect(await collect([Buffer.from("abcd\n")], { maxLineBytes: 4 })).toEqual(["abcd"]);
  });

  it("refuses invalid UTF-8 with its byte offset and line, whatever the chunking", async () => {
    const bytes = Buffer.concat([Buffer.from("ok\nab"), Buffer.from([0xff]), Buffer.from("cd\n")]);
    await expect(collect([bytes])).rejects.toThrow(/invalid UTF-8 at byte 5 \(line 2\)/);
    await expect(collect([...bytes].map((b) => Buffer.from([b])))).rejects.toThrow(/invalid UTF-8 at byte 5/);
    // An overlong form and a lone surrogate are not UTF-8 either; a character cut by the end of the file neither.
    await expect(collect([Buffer.from([0xc0, 0xaf])])).rejects.toThrow(/invalid UTF-8/);
    await expect(collect([Buffer.from([0xed, 0xa0, 0x80])])).rejects.toThrow(/invalid UTF-8/);
    await expect(collect([Buffer.from([0x61, 0xe2, 0x82])])).rejects.toThrow(/invalid UTF-8/);
  });

  it("drops a byte order mark at the start, and only there", async () => {
    expect(await collect([Buffer.from("\uFEFFa\n\uFEFFb\n")])).toEqual(["a", "\uFEFFb"]);
  });
});
