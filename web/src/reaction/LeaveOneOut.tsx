import type { ReactResult, WithoutCause } from "../api";
import { num, pValue } from "./numbers";

const causeDays = (c: WithoutCause) => (c.end !== c.start ? `${c.start} to ${c.end}` : c.start);

/** The window test without each cause in turn: the spread of its rate ratio, and the cause the result leans on most. */
export function LeaveOneOut(props: {
  result: NonNullable<ReactResult["leaveOneOut"]>;
  /** The window test's rate ratio with every cause. */
  withAll: number | null;
}) {
  const { result, withAll } = props;
  const { withoutEach, mostInfluential: most } = result;
  if (!most)
    return (
      <p id="react-leave-one-out-result" className="leave-one-out">
        <strong>Leave-one-out:</strong> a single cause; nothing is left without it.
      </p>
    );
  // A ratio of 0 / 0 or x / 0 arrives as null: it has no place in the range.
  const ratios = withoutEach.map((c) => c.rateRatio).filter((r): r is number => r !== null);
  return (
    <p id="react-leave-one-out-result" className="leave-one-out">
      <strong>Leave-one-out:</strong> without each of the {withoutEach.length} causes in turn, the rate ratio
      is{" "}
      <span className="loo-range">
        {ratios.length ? `${num(Math.min(...ratios))} to ${num(Math.max(...ratios))}` : "undefined"}
      </span>{" "}
      (<span className="loo-all">{num(withAll)}</span> with all of them). The most influential cause is the
      one of{" "}
      <span className="loo-cause" data-start={most.start}>
        {causeDays(most)}
      </span>
      : without it the rate ratio is <strong className="loo-ratio">{num(most.rateRatio)}</strong> (observed{" "}
      {most.observed}, expected {num(most.expected)}, p one-sided{" "}
      <span className="loo-p">{pValue(most.pOneSided)}</span>).
    </p>
  );
}
