import type { FastifyInstance } from "fastify";
import { readFileSync, statSync } from "node:fs";
import { decodeNote, parseCheckpoint, splitNote } from "../../ledger/checkpoint.js";
import { ApiError } from "../errors.js";
import { refusal, requestErrors } from "../schemas/errors.js";
import { checkpointAnswer } from "../schemas/ledger.js";

/**
 * `GET /api/checkpoint`: the signed checkpoint the server was given (`lockstep serve --checkpoint FILE`), as the
 * file holds it. The file is read again when it changes, so a new `lockstep checkpoint --out FILE` is published
 * without a restart; a file that no longer reads as a checkpoint leaves the last good one published.
 */
export function registerCheckpointRoutes(app: FastifyInstance, file: string | undefined): void {
  const latest = file ? checkpointFile(file) : undefined;
  app.get(
    "/api/checkpoint",
    {
      schema: {
        tags: ["ledger"],
        summary: "The latest signed checkpoint of the ledger",
        description:
          "A C2SP signed note (text/plain): the origin, the number of entries, the head (hex), `time`, and the `tokens` and `imports` logs' counts and heads, then the Ed25519 signature. Save it and check a copy of the ledger with `lockstep verify --against FILE --key VERIFIER_KEY`, the key obtained from the publisher. 404 when the server was given none (`lockstep serve --checkpoint FILE`).",
        response: {
          200: checkpointAnswer,
          ...requestErrors(),
          404: refusal("the server was given no checkpoint (`lockstep serve --checkpoint FILE`)"),
        },
      },
    },
    async (_request, reply) => {
      if (!latest)
        throw new ApiError(
          404,
          "this server publishes no checkpoint: start it with lockstep serve --checkpoint FILE (a file written by lockstep checkpoint --out FILE)",
        );
      return reply.type("text/plain; charset=utf-8").send(latest());
    },
  );
}

/** The file's note, checked now (a wrong file stops the server from starting), then re-read when it changes. */
function checkpointFile(file: string): () => string {
  let seen = stampOf(file);
  let note: string;
  try {
    note = readNote(file);
  } catch (err) {
    throw new Error(`--checkpoint: ${(err as Error).message}`);
  }
  return () => {
    const stamp = stampOf(file);
    if (stamp === undefined || stamp === seen) return note; // unchanged, or gone while being replaced
    seen = stamp;
    try {
      note = readNote(file);
    } catch {
      // Half-written or wrong: the last good checkpoint stays published.
    }
    return note;
  };
}

function stampOf(file: string): string | undefined {
  try {
    const s = statSync(file);
    return `${s.mtimeMs} ${s.size} ${s.ino}`;
  } catch {
    return undefined;
  }
}

/** The note in the file, if it reads as a checkpoint (its signature is for readers to check, with their key). */
function readNote(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new Error(
      `${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  const note = decodeNote(bytes, file);
  parseCheckpoint(splitNote(note, file).text, file);
  return note;
}
