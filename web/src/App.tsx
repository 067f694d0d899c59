import { useCallback, useEffect, useState } from "react";
import { getAllEvents, type LedgerEvent } from "./api";
import { Board } from "./Board";
import { ErrorBox, Loading } from "./common";
import { Ledger } from "./Ledger";
import { Reaction } from "./Reaction";
import { readRoute } from "./route";
import { Timeline } from "./Timeline";

const VIEWS = [
  { id: "timeline", label: "Timeline" },
  { id: "board", label: "Agreement board" },
  { id: "ledger", label: "Ledger" },
  { id: "react", label: "Action–reaction" },
] as const;
type View = (typeof VIEWS)[number]["id"];

const viewOf = (id: string): View => VIEWS.find((v) => v.id === id)?.id ?? "timeline";

export function App() {
  const [route, setRoute] = useState(readRoute);
  /** Each link followed (hashchange) starts its view afresh from the link's parameters. */
  const [visit, setVisit] = useState(0);
  const view = viewOf(route.view);
  const [events, setEvents] = useState<LedgerEvent[] | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const load = useCallback(() => {
    setError(null);
    setEvents(null);
    getAllEvents().then(setEvents, (e: Error) => setError(e));
  }, []);
  useEffect(load, [load]);
  /** After a write: the events again, keeping the current ones shown until the new ones arrive. */
  const refresh = useCallback(
    () =>
      getAllEvents().then(
        (e) => setEvents(e),
        (e: Error) => setError(e),
      ),
    [],
  );
  useEffect(() => {
    const onHash = () => {
      setRoute(readRoute());
      setVisit((n) => n + 1);
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  const needsEvents = view !== "board" && view !== "react";
  return (
    <>
      <header>
        <h1>Lockstep</h1>
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <a key={v.id} href={`#${v.id}`} aria-current={view === v.id ? "page" : undefined}>
              {v.label}
            </a>
          ))}
          <a href="/api/docs">API</a>
        </nav>
      </header>
      <main>
        {needsEvents && error && <ErrorBox error={error} retry={load} />}
        {needsEvents && !error && !events && <Loading what="events" />}
        {view === "timeline" && events && <Timeline events={events} />}
        {view === "board" && <Board key={visit} link={route.params} />}
        {view === "ledger" && events && <Ledger events={events} onChanged={refresh} />}
        {view === "react" && <Reaction key={visit} link={route.params} />}
      </main>
    </>
  );
}
