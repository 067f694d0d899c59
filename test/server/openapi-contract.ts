import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { expect } from "vitest";
import type { Res } from "./helpers.js";

interface DocumentedResponse {
  description: string;
  content?: Record<string, { schema: object }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, DocumentedResponse> }>>;
}

/** An operation as the document names it: `GET /api/agreements/{id}/evaluation`. */
export type Operation = `${"GET" | "POST" | "DELETE"} /api/${string}`;

/** RFC 3339 date-time, as OpenAPI's `format: date-time` means it. */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * Holds answers to the OpenAPI document the server itself gives: each answer's status must be declared for its
 * operation, and its body must match the schema declared for that status and media type. Remembers what it saw.
 */
export function openApiContract(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ allErrors: true });
  ajv.addFormat("date-time", DATE_TIME);
  const validators = new Map<object, ValidateFunction>();
  const seen = new Map<string, Set<string>>();

  const responsesOf = (operation: string) => {
    const [method, path] = operation.split(" ") as [string, string];
    return doc.paths[path]?.[method.toLowerCase()]?.responses;
  };

  return {
    /** Every operation in the document. */
    operations(): Operation[] {
      return Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}` as Operation),
      );
    },

    declared(operation: Operation): string[] {
      return Object.keys(responsesOf(operation) ?? {});
    },

    observed(operation: Operation): string[] {
      return [...(seen.get(operation) ?? [])];
    },

    /** The answer has the status expected, the document declares it, and the body matches its schema. */
    check<T>(operation: Operation, res: Res<T>, status: number): Res<T> {
      expect(res.status, `${operation}: ${res.text.slice(0, 300)}`).toBe(status);
      const responses = responsesOf(operation);
      expect(responses, `${operation} is in the document`).toBeDefined();
      const declared = responses![String(status)];
      expect(declared, `${operation} declares ${status}`).toBeDefined();
      const media = (res.headers.get("content-type") ?? "").split(";")[0]!;
      const schema = declared!.content?.[media]?.schema;
      expect(schema, `${operation} ${status} declares ${media}`).toBeDefined();
      let validate = validators.get(schema!);
      if (!validate) validators.set(schema!, (validate = ajv.compile(schema!)));
      const body: unknown = media === "application/json" ? JSON.parse(res.text) : res.text;
      validate(body);
      expect(validate.errors ?? [], `${operation} ${status}: the body matches its schema`).toEqual([]);
      if (!seen.has(operation)) seen.set(operation, new Set());
      seen.get(operation)!.add(String(status));
      return res;
    },
  };
}

export type OpenApiContract = ReturnType<typeof openApiContract>;
