/**
 * Builders for the response schemas (JSON Schema 2020-12, the dialect of OpenAPI 3.1). The schemas document the
 * API at /api/openapi.json and are the contract its test holds every answer to; they never shape what is sent
 * (app.ts serializes with JSON.stringify, so a member a schema does not name still reaches the client).
 */
export type Schema = Record<string, unknown>;

/** An object of a fixed shape: the `required` members always, the `optional` ones sometimes, no others. */
export function strictObject(
  required: Record<string, Schema>,
  optional: Record<string, Schema> = {},
  description?: string,
): Schema {
  return {
    type: "object",
    additionalProperties: false,
    ...(Object.keys(required).length ? { required: Object.keys(required) } : {}),
    properties: { ...required, ...optional },
    ...(description ? { description } : {}),
  };
}

/** An object whose members are named by data (counts by class, an event's attributes), each of one schema. */
export function mapOf(values: Schema, description?: string): Schema {
  return { type: "object", additionalProperties: values, ...(description ? { description } : {}) };
}

export function arrayOf(items: Schema, description?: string): Schema {
  return { type: "array", items, ...(description ? { description } : {}) };
}

export const text = (description?: string): Schema => ({
  type: "string",
  ...(description ? { description } : {}),
});

export const wholeNumber = (description?: string): Schema => ({
  type: "integer",
  ...(description ? { description } : {}),
});

export const number = (description?: string): Schema => ({
  type: "number",
  ...(description ? { description } : {}),
});

export const boolean = (description?: string): Schema => ({
  type: "boolean",
  ...(description ? { description } : {}),
});

/** One of a list of words (a role, a status) defined once elsewhere and imported. */
export const oneOf = (values: readonly string[], description?: string): Schema => ({
  type: "string",
  enum: [...values],
  ...(description ? { description } : {}),
});

export const instant = (description?: string): Schema => ({
  type: "string",
  format: "date-time",
  ...(description ? { description } : {}),
});

/** The schema, or null. */
export function nullable(schema: Schema): Schema {
  const { description, ...rest } = schema;
  if (typeof rest.type === "string" && !("enum" in rest)) return { ...schema, type: [rest.type, "null"] };
  return { anyOf: [rest, { type: "null" }], ...(description ? { description } : {}) };
}

/**
 * A computed statistic (a ratio, a p-value, a coefficient): null where it is not a finite number (0/0, x/0), which
 * JSON cannot write.
 */
export const statistic = (description?: string): Schema =>
  nullable(number(description ?? "null where it is not a finite number"));

/** A success answer: its description (the status's, in the document) and its body. */
export function answer(description: string, body: Schema): Schema {
  return { ...body, description };
}
