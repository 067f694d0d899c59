/**
 * A read shared by the requests that ask for it at about the same time, never older than the ask: a request that
 * comes while the read is on its way waits for the next one, which starts when that one ends and serves every request
 * that came meanwhile. On PostgreSQL each request asks for the ledger's last entry (a round trip): under load most
 * requests then share a round trip, and none is answered from a state read before it came in, so a write that
 * another server committed before a request arrived is always seen.
 */
export function freshReads<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let queued: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const reading = read();
    running = reading;
    const done = () => {
      if (running === reading) running = undefined;
    };
    reading.then(done, done);
    return reading;
  };
  return () => {
    if (!running) return start();
    // Registered after `done` above: by the time it runs, the read it waited for is no longer running.
    queued ??= running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        queued = undefined;
        return start();
      });
    return queued;
  };
}
