import type { Readable } from "node:stream";
import { InputError } from "../model/index.js";
import { firstInvalidInChunk, openTail } from "./utf8.js";

/** A line longer than this is refused by default: no record of any format comes near it, and a file that is one
 * unending line (a 100 MB blob, a zip bomb's contents) would otherwise be held in memory whole. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export interface LineOptions {
  /** Hears the size of each chunk read, for progress. */
  onBytes?: (bytes: number) => void;
  /** Named in errors. */
  file?: string;
  /** The longest line accepted, in bytes (default 1 MiB). */
  maxLineBytes?: number;
}

/**
 * The lines of a UTF-8 byte stream without their ends (\n or \r\n), a chunk's worth at a time: one promise per chunk
 * rather than one per line, which counts at millions of lines. A last line without an end is still a line. A byte
 * order mark at the start is dropped. Invalid UTF-8 and a line over the limit are refused, naming the line and the
 * byte offset, before anything of that line is read: nothing is silently replaced. Linear in the input: a long line's
 * pieces are kept apart until its end arrives, never joined and split again for each chunk.
 */
export async function* lineBatches(stream: Readable, options: LineOptions = {}): AsyncGenerator<string[]> {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const where = options.file ?? "input";
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending: string[] = [];
  let pendingLength = 0;
  let lineNumber = 0;
  let bytesBefore = 0;
  let open: Uint8Array = new Uint8Array(0);
  const tooLong = (): never => {
    throw new InputError(
      `${where}:${lineNumber + 1}: line ${lineNumber + 1} is longer than ${max} bytes; nothing was imported (records are one per line; a larger limit: --max-line-bytes)`,
    );
  };
  // A string of n UTF-16 units holds at most 3n bytes of UTF-8: measure bytes only when that could pass the limit.
  const over = (text: string, length = text.length): boolean =>
    length * 3 > max && (length > max || Buffer.byteLength(text) > max);

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    options.onBytes?.(chunk.length);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      // Negative when a character begun in the chunks before is the one that fails (it holds no line end).
      const at = firstInvalidInChunk(chunk, open);
      const line = lineNumber + countNewlines(chunk, at) + 1;
      throw new InputError(
        `${where}: invalid UTF-8 at byte ${bytesBefore + at} (line ${line}); nothing was imported: the file must be UTF-8`,
      );
    }
    bytesBefore += chunk.length;
    open = openTail(open, chunk);
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      let line = text.slice(start, nl);
      if (pending.length) {
        pending.push(line);
        line = pending.join("");
        pending = [];
        pendingLength = 0;
      }
      if (over(line)) tooLong();
      lines.push(line.endsWith("\r") ? line.slice(0, -1) : line);
      lineNumber++;
      start = nl + 1;
    }
    if (start < text.length) {
      const tail = text.slice(start);
      pending.push(tail);
      pendingLength += tail.length;
      if (pendingLength * 3 > max && over(pending.join(""), pendingLength)) tooLong();
    }
    if (lines.length) yield lines;
  }
  let last: string;
  try {
    last = pending.join("") + decoder.decode();
  } catch {
    throw new InputError(
      `${where}: invalid UTF-8 at byte ${bytesBefore} (the end of the file): a character cut short`,
    );
  }
  if (last !== "") {
    if (over(last)) tooLong();
    yield [last.endsWith("\r") ? last.slice(0, -1) : last];
  }
}

function countNewlines(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
