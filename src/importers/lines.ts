import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/**
 * The lines of a UTF-8 byte stream without their ends (\n or \r\n), a chunk's worth at a time: one promise per chunk
 * rather than one per line, which counts at millions of lines. A last line without an end is still a line.
 * `onBytes` hears the size of each chunk read, for progress.
 */
export async function* lineBatches(
  stream: Readable,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string[]> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes?.(chunk.length);
    const lines = (rest + decoder.write(chunk)).split("\n");
    rest = lines.pop()!;
    yield withoutCarriageReturns(lines);
  }
  rest += decoder.end();
  if (rest !== "") yield withoutCarriageReturns([rest]);
}

function withoutCarriageReturns(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.endsWith("\r")) lines[i] = line.slice(0, -1);
  }
  return lines;
}
