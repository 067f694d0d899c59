import { useEffect, useState } from "react";
import { getJson, type VerifyReport } from "./api";

/** How often the page asks again whether the ledger it reads from is still intact. */
const EVERY_MS = 60_000;

/** The first broken entry in words: its number, its id and what is wrong with it. */
export function brokenText(report: VerifyReport): string {
  const b = report.firstBroken;
  return b ? `entry ${b.seq}${b.id ? ` (${b.id})` : ""}: ${b.reason}` : "";
}

/**
 * On every view, above it: a warning while the ledger's chain is broken, since everything the page shows (events,
 * verdicts, statistics) is then read from a ledger changed outside Lockstep.
 */
export function ChainAlert() {
  const [chain, setChain] = useState<VerifyReport | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const look = () =>
      getJson<{ chain: VerifyReport }>("/api/health", abort.signal).then(
        (h) => setChain(h.chain),
        () => undefined, // a failed check is not a broken chain; the views report their own errors
      );
    void look();
    const timer = setInterval(() => void look(), EVERY_MS);
    return () => {
      clearInterval(timer);
      abort.abort();
    };
  }, []);
  if (!chain || chain.ok) return null;
  return (
    <div id="chain-alert" className="chain broken" role="alert">
      <strong>The ledger&apos;s chain is broken</strong> at {brokenText(chain)}. Everything on this page is
      read from a ledger changed outside Lockstep: <code>lockstep verify</code> says what changed.
    </div>
  );
}
