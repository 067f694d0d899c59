import { toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import type { ParameterList } from "../analysis/parameters.js";

/**
 * A route's query-string schema from an analysis's parameter list (src/analysis/parameters.ts): names, types, closed
 * vocabularies, defaults and descriptions. What JSON Schema cannot say (a whole number in text, a real date) the
 * list checks when the route reads the parameters, with the same messages as the command line.
 */
export function querystringSchema(list: ParameterList): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = toJsonSchema(list, { errorMode: "ignore" });
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  // The hints are the command line's (`--cause <terms>`, a repeatable flag); the validator refuses unknown keywords.
  for (const property of Object.values(properties)) {
    delete property.placeholder;
    delete property.list;
  }
  return schema;
}

/**
 * A route's body schema from the Valibot schema its handler reads the body with: the same names, types, bounds,
 * defaults and descriptions; what JSON Schema cannot say (a strategy's name and parameters) the handler checks.
 */
export function bodySchema(schema: v.GenericSchema): Record<string, unknown> {
  const { $schema: _dialect, ...body } = toJsonSchema(schema, { errorMode: "ignore" });
  return body;
}
