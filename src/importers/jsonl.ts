import { createReadStream } from "node:fs";
import type { ImportItem } from "../ledger/index.js";
import type { Importer, ImportOptions } from "./importer.js";
import { lineBatches } from "./lines.js";
import { progressCounter, progressTotal } from "./progress.js";

/** Lockstep's interchange format: one event per line, as documented in docs/interchange.md. */
export const jsonlImporter: Importer = {
  format: "jsonl",
  description: "Lockstep interchange: one JSON event per line (.jsonl, .ndjson)",
  detect(file, head) {
    if (/\.(jsonl|ndjson)$/i.test(file)) return true;
    const first = head.toString("utf8").split("\n", 1)[0]!.trim();
    return first.startsWith("{") && first.endsWith("}") && /"type"\s*:/.test(first);
  },
  async *read(file: string, options: ImportOptions): AsyncIterable<ImportItem> {
    let n = 0;
    const onBytes = progressCounter(progressTotal(file, options), options.onProgress);
    for await (const lines of lineBatches(createReadStream(file), {
      onBytes,
      file,
      ...(options.maxLineBytes ? { maxLineBytes: options.maxLineBytes } : {}),
    })) {
      for (const line of lines) {
        n++;
        if (line.trim() === "") continue;
        const where = { file, record: String(n) };
        try {
          yield { where, input: JSON.parse(line) as unknown };
        } catch (err) {
          yield {
            where,
            issues: [
              {
                kind: "format",
                message: `not valid JSON: ${(err as Error).message}`,
                expected: "one JSON object per line",
              },
            ],
          };
        }
      }
    }
  },
};
