import { statSync } from "node:fs";
import type { Readable } from "node:stream";
import type { ImportOptions } from "./importer.js";

/** Reports bytes read from a file stream to the caller's progress callback, at most every 256 KiB. */
export function countingStream<T extends Readable>(stream: T, file: string, options: ImportOptions): T {
  const report = options.onProgress;
  if (!report) return stream;
  const total = statSync(file).size;
  let read = 0;
  let last = 0;
  stream.on("data", (chunk: Buffer | string) => {
    read += chunk.length;
    if (read - last >= 262_144 || read === total) {
      last = read;
      report(read, total);
    }
  });
  return stream;
}
