import { Transform } from "node:stream";
import { InputError } from "../model/index.js";

/**
 * Where a byte sequence stops being UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), to
 * name the byte in an error. Continuation bytes at the very start are taken to end a character begun before it (the
 * chunk boundary of a stream). Returns the length when all is valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && i < 3 && (bytes[i]! & 0xc0) === 0x80) i++;
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
    // A sequence cut by the end of the bytes is left to the caller (the next chunk may complete it).
    if (i + need >= bytes.length) return bytes.length;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
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
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        done(
          new InputError(
            `${file}: invalid UTF-8 at byte ${offset + firstInvalidUtf8(chunk)}; nothing was imported: the file must be UTF-8`,
          ),
        );
        return;
      }
      offset += chunk.length;
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
