import { statSync } from "node:fs";
import type { Readable } from "node:stream";
import type { ImportOptions } from "./importer.js";

/**
 * A counter of bytes read from a file that tells the caller's progress callback, at most every 256 KiB and at the
 * end; undefined when the caller wants no progress.
 */
export function progressCounter(file: string, options: ImportOptions): ((bytes: number) => void) | undefined {
  const report = options.onProgress;
  if (!report) return undefined;
  const total = statSync(file).size;
  let read = 0;
  let last = 0;
  return (bytes) => {
    read += bytes;
    if (read - last >= 262_144 || read === total) {
      last = read;
      report(read, total);
    }
  };
}

/** The same, for a stream read by someone else (a CSV parser): counts its chunks as they pass. */
export function countingStream<T extends Readable>(stream: T, file: string, options: ImportOptions): T {
  const count = progressCounter(file, options);
  if (count) stream.on("data", (chunk: Buffer | string) => count(chunk.length));
  return stream;
}
