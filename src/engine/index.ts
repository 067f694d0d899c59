export { evaluate } from "./evaluate.js";
export { step, type StepResult } from "./step.js";
export { compileMachine, type Machine, type PartSpec } from "./machine.js";
export { initialSnapshot, type Snapshot, type PartState, type Change } from "./snapshot.js";
export * from "./result.js";
export { describeCondition } from "./conditions.js";
export { evaluateByQueries, evaluationMatchers, eventsForEvaluation } from "./reads.js";
