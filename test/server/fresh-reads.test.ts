import { describe, expect, it } from "vitest";
import { freshReads } from "../../src/server/fresh-reads.js";

/** A read whose answers the test releases one at a time, counting the reads started. */
function controlledRead() {
  const pending: ((n: number) => void)[] = [];
  let started = 0;
  return {
    read: () => {
      started++;
      return new Promise<number>((resolve) => pending.push(resolve));
    },
    started: () => started,
    finish: async (value: number) => {
      pending.shift()!(value);
      // Let the promise callbacks run.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

describe("freshReads", () => {
  it("gives an ask made while a read runs the next read's answer, shared by every ask made meanwhile", async () => {
    const c = controlledRead();
    const get = freshReads(c.read);
    const first = get();
    const second = get();
    const third = get();
    expect(c.started()).toBe(1);
    await c.finish(1);
    expect(await first).toBe(1);
    // The next read started when the first ended, for both asks made while it ran.
    expect(c.started()).toBe(2);
    await c.finish(2);
    expect(await second).toBe(2);
    expect(await third).toBe(2);
    // Nothing running: a new ask starts its own read.
    const fourth = get();
    expect(c.started()).toBe(3);
    await c.finish(3);
    expect(await fourth).toBe(3);
  });

  it("starts afresh after a failed read, and a failure reaches only the asks that shared it", async () => {
    let n = 0;
    const get = freshReads(async () => {
      n++;
      if (n === 1) throw new Error("connection lost");
      return n;
    });
    const failed = get();
    const next = get();
    await expect(failed).rejects.toThrow("connection lost");
    expect(await next).toBe(2);
    expect(await get()).toBe(3);
  });
});
