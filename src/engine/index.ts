export { evaluate } from "./evaluate.js";
export * from "./result.js";
export { describeCondition } from "./conditions.js";
