import { statSync } from "node:fs";
import type { Readable } from "node:stream";
import type { ImportOptions } from "./importer.js";

/**
 * A counter of bytes read out of `totalBytes` that tells the caller's progress callback, at most every `step` bytes
 * and at the end; undefined when the caller wants no progress.
 */
export function progressCounter(
  totalBytes: number,
  report: ImportOptions["onProgress"],
  step = 262_144,
): ((bytes: number) => void) | undefined {
  if (!report) return undefined;
  let read = 0;
  let last = 0;
  return (bytes) => {
    read += bytes;
    if (read - last >= step || read === totalBytes) {
      last = read;
      report(read, totalBytes);
    }
  };
}

/** The size of a file, for the progress of reading it; 0 when no progress is wanted. */
export function progressTotal(file: string, options: ImportOptions): number {
  return options.onProgress ? statSync(file).size : 0;
}

/** The same, for a stream read by someone else (a CSV parser): counts its chunks as they pass. */
export function countingStream<T extends Readable>(stream: T, file: string, options: ImportOptions): T {
  const count = progressCounter(progressTotal(file, options), options.onProgress);
  if (count) stream.on("data", (chunk: Buffer | string) => count(chunk.length));
  return stream;
}
