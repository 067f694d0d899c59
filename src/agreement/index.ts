export * from "./agreement.js";
export { parseAgreement, loadAgreement, type LoadResult } from "./load.js";
export { compileAgreement } from "./compile.js";
export { formatAgreementIssue, formatPath, type AgreementIssue } from "./issues.js";
export { parseDuration, addDuration, daysBetween, type Duration } from "./duration.js";
export { agreementSchema } from "./schema.js";
export { agreementJsonSchema } from "./json-schema.js";
export {
  loadCatalog,
  findAgreement,
  loadAgreementOrFail,
  bundledAgreementsDir,
  type CatalogEntry,
} from "./catalog.js";
