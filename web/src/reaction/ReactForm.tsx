import type { FormEvent } from "react";
import { drawsRotations, UNITS, type Inputs } from "./query";

/** The matchers, the window and the range, the null and the count; run on submit, not at each keystroke. */
export function ReactForm(props: {
  inputs: Inputs;
  set: (patch: Partial<Inputs>) => void;
  submit: (e: FormEvent) => void;
  loading: boolean;
}) {
  const { inputs, set, submit, loading } = props;
  return (
    <form className="controls react-form" onSubmit={submit}>
      <label>
        Cause{" "}
        <input
          id="react-cause"
          className="wide"
          value={inputs.cause}
          onChange={(e) => set({ cause: e.target.value })}
        />
      </label>
      <label>
        Effect{" "}
        <input
          id="react-effect"
          className="wide"
          value={inputs.effect}
          onChange={(e) => set({ effect: e.target.value })}
        />
      </label>
      <label>
        Window{" "}
        <input
          id="react-window"
          size={9}
          value={inputs.window}
          onChange={(e) => set({ window: e.target.value })}
        />
      </label>
      <label>
        From{" "}
        <input
          type="date"
          id="react-from"
          value={inputs.from}
          onChange={(e) => set({ from: e.target.value })}
        />
      </label>
      <label>
        To <input type="date" id="react-to" value={inputs.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
      <label title="Only the events dated by this day; the analysis ends there">
        As known on{" "}
        <input
          type="date"
          id="react-known-at"
          value={inputs.knownAt}
          onChange={(e) => set({ knownAt: e.target.value })}
        />
      </label>
      <label>
        Permutations{" "}
        <input
          id="react-permutations"
          type="number"
          min={1}
          max={100000}
          value={inputs.permutations}
          disabled={!drawsRotations(inputs)}
          title={
            drawsRotations(inputs) ? undefined : "The exact and the seasonal nulls take every rotation once"
          }
          onChange={(e) => set({ permutations: e.target.value })}
        />
      </label>
      <label>
        <input
          type="checkbox"
          id="react-exact"
          checked={inputs.exact}
          onChange={(e) => set({ exact: e.target.checked })}
        />{" "}
        exact (every rotation once)
      </label>
      <label>
        <input
          type="checkbox"
          id="react-seasonal"
          checked={inputs.seasonal}
          onChange={(e) => set({ seasonal: e.target.checked })}
        />{" "}
        seasonal (shift by whole years)
      </label>
      <label title={inputs.seasonal ? undefined : "Jitter moves whole-year shifts: tick seasonal first"}>
        Jitter{" "}
        <input
          id="react-jitter"
          type="number"
          min={0}
          max={181}
          size={4}
          placeholder="days"
          value={inputs.jitter}
          disabled={!inputs.seasonal}
          onChange={(e) => set({ jitter: e.target.value })}
        />
      </label>
      <label>
        Count{" "}
        <select id="react-unit" value={inputs.unit} onChange={(e) => set({ unit: e.target.value })}>
          {UNITS.map(([u, label]) => (
            <option key={u} value={u}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          id="react-leave-one-out"
          checked={inputs.leaveOneOut}
          onChange={(e) => set({ leaveOneOut: e.target.checked })}
        />{" "}
        leave each cause out in turn
      </label>
      <button type="submit" disabled={loading}>
        Run
      </button>
    </form>
  );
}
