import { useEffect, useState } from "react";
import { Board } from "./Board";
import { ChainAlert } from "./ChainAlert";
import { Ledger } from "./Ledger";
import { Reaction } from "./Reaction";
import { readRoute } from "./route";
import { Simulation } from "./Simulation";
import { Timeline } from "./Timeline";

const VIEWS = [
  { id: "timeline", label: "Timeline" },
  { id: "board", label: "Agreement board" },
  { id: "ledger", label: "Ledger" },
  { id: "react", label: "Action–reaction" },
  { id: "simulation", label: "Simulation" },
] as const;
type View = (typeof VIEWS)[number]["id"];

const viewOf = (id: string): View => VIEWS.find((v) => v.id === id)?.id ?? "timeline";

export function App() {
  const [route, setRoute] = useState(readRoute);
  /** Each link followed (hashchange) starts its view afresh from the link's parameters. */
  const [visit, setVisit] = useState(0);
  const view = viewOf(route.view);
  useEffect(() => {
    const onHash = () => {
      setRoute(readRoute());
      setVisit((n) => n + 1);
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

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
      <ChainAlert />
      <main>
        {/* Each view reads the events it shows, as it shows them: the ledger is never read whole. */}
        {view === "timeline" && <Timeline />}
        {view === "board" && <Board key={visit} link={route.params} />}
        {view === "ledger" && <Ledger />}
        {view === "react" && <Reaction key={visit} link={route.params} />}
        {view === "simulation" && <Simulation key={visit} link={route.params} />}
      </main>
    </>
  );
}
