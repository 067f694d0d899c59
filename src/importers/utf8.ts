import { Transform } from "node:stream";
import { InputError } from "../model/index.js";

/**
 * Where a byte sequence stops being UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), to
 * name the byte in an error: the first byte of the first sequence that is not a character, or of a character cut
 * short by the end. Returns the length when all is valid (see firstInvalidInChunk for a stream read in chunks).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
}

/**
 * The bytes of a character begun but not finished at the end of a stream read so far, from those of the chunks before
 * (`open`) and the chunk just read: none to three bytes, kept from chunk to chunk to name a byte across their edges.
 */
export function openTail(open: Uint8Array, chunk: Uint8Array): Uint8Array {
  const end = Buffer.concat([open, chunk.subarray(-3)]);
  for (let back = 1; back <= Math.min(3, end.length); back++) {
    const b = end[end.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: the lead is further back
    const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    return need >= back ? end.subarray(end.length - back) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

/**
 * The offset in `chunk` of the first byte that is not UTF-8, given the character the chunks before left open
 * (`openTail`): negative when that character is the one that fails.
 */
export function firstInvalidInChunk(chunk: Uint8Array, open: Uint8Array): number {
  return firstInvalidUtf8(Buffer.concat([open, chunk])) - open.length;
}

/**
 * Decodes a whole file's bytes as UTF-8, refusing invalid bytes with their offset (nothing becomes U+FFFD) and
 * dropping a byte order mark at the start.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(
      `${file}: invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}; nothing was imported: the file must be UTF-8`,
    );
  }
}

/** Passes bytes through unchanged, failing the stream at the first byte that is not UTF-8 (named by its offset). */
export function utf8Guard(file: string): Transform {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = 0;
  let open: Uint8Array = new Uint8Array(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        done(
          new InputError(
            `${file}: invalid UTF-8 at byte ${offset + firstInvalidInChunk(chunk, open)}; nothing was imported: the file must be UTF-8`,
          ),
        );
        return;
      }
      offset += chunk.length;
      open = openTail(open, chunk);
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode();
        done();
      } catch {
        done(
          new InputError(
            `${file}: invalid UTF-8 at byte ${offset} (the end of the file): a character cut short`,
          ),
        );
      }
    },
  });
}
