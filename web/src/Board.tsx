import { useEffect, useState } from "react";
import { getJson, type AgreementSummary } from "./api";
import { AgreementColumn } from "./board/AgreementColumn";
import { BoardControls } from "./board/BoardControls";
import { PartIdSuffix } from "./board/part-ids";
import { useEvaluation } from "./board/useEvaluation";
import { ErrorBox, Loading } from "./common";
import { isDay, isoDay } from "./days";
import { writeRoute } from "./route";

const DEFAULT_AGREEMENT = "moratorium-2018";

/** The as-of date a link asks for, if it is a real day no later than today; otherwise today. */
function asOfIn(link: URLSearchParams): string {
  const today = isoDay(new Date());
  const asked = link.get("asOf") ?? "";
  return isDay(asked) && asked <= today ? asked : today;
}

/** What is wrong with the `compare` of a link, if anything: it must name another agreement of the list. */
function compareProblem(compare: string, id: string, agreements: AgreementSummary[]): string | null {
  if (!compare) return null;
  if (compare === id)
    return `compare: "${compare}" is the agreement already shown; choose another to set beside it`;
  if (!agreements.some((a) => a.id === compare))
    return `compare: no agreement "${compare}"; choose one from the list to set beside the first`;
  return null;
}

/** The link's parameters for what is shown: the agreement, the one beside it (if any), the as-of date. */
function boardParams(id: string, compare: string, asOf: string): URLSearchParams {
  return new URLSearchParams({ agreement: id, ...(compare ? { compare } : {}), asOf });
}

/**
 * `link`: the parameters of the link the board was opened from: `agreement`, `compare` (a second agreement shown
 * beside the first, as of the same day) and `asOf`.
 */
export function Board({ link }: { link: URLSearchParams }) {
  const [agreements, setAgreements] = useState<AgreementSummary[] | null>(null);
  const [listError, setListError] = useState<Error | null>(null);
  const [id, setId] = useState(() => link.get("agreement") ?? DEFAULT_AGREEMENT);
  const [compare, setCompare] = useState(() => link.get("compare") ?? "");
  const [asOf, setAsOf] = useState(() => asOfIn(link));

  useEffect(() => {
    const abort = new AbortController();
    getJson<{ agreements: AgreementSummary[] }>("/api/agreements", abort.signal)
      .then((r) => {
        setAgreements(r.agreements);
        setId(
          (current) =>
            [current, DEFAULT_AGREEMENT].find((c) => r.agreements.some((a) => a.id === c)) ??
            r.agreements[0]?.id ??
            current,
        );
      })
      .catch((e: Error) => {
        if (!abort.signal.aborted) setListError(e);
      });
    return () => abort.abort();
  }, []);

  const agreement = agreements?.find((a) => a.id === id);
  const problem = agreements ? compareProblem(compare, id, agreements) : null;
  const beside = problem ? undefined : agreements?.find((a) => a.id === compare);
  const main = useEvaluation(agreements ? id : null, asOf);
  const second = useEvaluation(beside ? beside.id : null, asOf);

  // The address follows what is shown, once the slider rests: browsers refuse a flood of history updates.
  useEffect(() => {
    if (!agreements) return;
    const timer = setTimeout(() => writeRoute("board", boardParams(id, compare, asOf)), 150);
    return () => clearTimeout(timer);
  }, [agreements, id, compare, asOf]);

  if (listError) return <ErrorBox error={listError} />;
  if (!agreements) return <Loading what="agreements" />;

  return (
    <section aria-labelledby="board-title" className="view" data-as-of={main.evaluation?.asOf ?? ""}>
      <h2 id="board-title">Agreement board</h2>
      <BoardControls
        agreements={agreements}
        shown={[agreement, beside]}
        id={id}
        compare={beside ? compare : ""}
        asOf={asOf}
        onId={(next) => {
          setId(next);
          // The one beside it, chosen as the first, is no longer beside it.
          if (next === compare) setCompare("");
        }}
        onCompare={setCompare}
        onAsOf={setAsOf}
      />
      {problem && (
        <p id="compare-problem" className="error" role="alert">
          {problem}
        </p>
      )}
      <div className={beside ? "board-columns two" : "board-columns"}>
        {agreement && <AgreementColumn agreement={agreement} asOf={asOf} state={main} titled={!!beside} />}
        {beside && (
          <PartIdSuffix value="-beside">
            <AgreementColumn agreement={beside} asOf={asOf} state={second} titled />
          </PartIdSuffix>
        )}
      </div>
    </section>
  );
}
