import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoLedger, request, startServer, type Running } from "./helpers.js";

// A client that sends its body a byte at a time (slowloris) must be cut off at the request time limit, and the server
// must go on answering others meanwhile.
let server: Running;
let token: string;

beforeAll(async () => {
  const demo = await demoLedger();
  token = demo.tokens.editor;
  server = await startServer({ db: demo.db, requestTimeoutMs: 1500 });
});
afterAll(() => server.close());

/** Opens a request with a 1,000-byte body and sends one byte every 200 ms; resolves with what the server said and when. */
function trickle(url: string): Promise<{ answer: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = "";
    let timer: NodeJS.Timeout | undefined;
    socket.on("connect", () => {
      socket.write(
        `POST /api/events HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\n` +
          "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
      );
      timer = setInterval(() => socket.write("["), 200);
    });
    socket.on("data", (d) => (answer += d.toString()));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

describe("slow request bodies", () => {
  it("cuts five byte-at-a-time clients off near the limit with 408, and serves others meanwhile", async () => {
    const slow = Array.from({ length: 5 }, () => trickle(server.url));
    await new Promise((r) => setTimeout(r, 300));
    const health = await request(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const results = await Promise.all(slow);
    for (const r of results) {
      expect(r.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(r.closedAfterMs).toBeGreaterThanOrEqual(1400);
      expect(r.closedAfterMs).toBeLessThan(4000);
    }
  });
});
