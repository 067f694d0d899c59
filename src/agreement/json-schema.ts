import { toJsonSchema } from "@valibot/to-json-schema";
import { agreementSchema, conditionSchema, matcherSchema } from "./schema.js";

/**
 * The agreement format as JSON Schema, for editors (docs/agreement.schema.json). Generated from the same schema the
 * loader uses; checks that JSON Schema cannot express (a real calendar date, references between parts) stay with
 * `lockstep lint`.
 */
export function agreementJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(agreementSchema, {
    errorMode: "ignore",
    definitions: { condition: conditionSchema, matcher: matcherSchema },
  });
  return {
    ...schema,
    $id: "https://lockstep.invalid/agreement.schema.json",
    title: "Lockstep agreement",
    description: "A phased, reciprocal agreement for Lockstep's compliance engine. See docs/agreements.md.",
  };
}
