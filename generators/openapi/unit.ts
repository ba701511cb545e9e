import type { ParameterLocation, ParameterStyle } from './model/operation.js';

/**
 * The shape of an OpenAPI workload unit: plain JSON (no undefined, no class instances), concrete
 * enough to replay without the description. Path parameters may refer to what an earlier step
 * of the same unit returned; the reference is resolved live, each time the unit runs.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * An earlier step's answer as a parameter value: a JSON pointer into its JSON body
 * (`{ "step": 0, "pointer": "/id" }`), or the last path segment of its Location header
 * (`{ "step": 0, "location": true }`).
 */
export type StepReference = { readonly step: number; readonly pointer: string } | { readonly step: number; readonly location: true };

export interface StepParameter {
  readonly in: ParameterLocation;
  readonly name: string;
  readonly style: ParameterStyle;
  readonly explode: boolean;
  /** The value sent; with `$ref`, the value sent when the reference cannot be resolved. */
  readonly value: JsonValue;
  readonly $ref?: StepReference;
}

/** A body: JSON, a form (urlencoded or multipart) written from an object, or text sent as-is. */
export type StepBody =
  | { readonly kind: 'json'; readonly contentType: string; readonly value: JsonValue }
  | { readonly kind: 'form'; readonly contentType: string; readonly value: JsonValue }
  /** `files`: fields sent as file parts (format: binary, Swagger's type: file). */
  | { readonly kind: 'multipart'; readonly contentType: string; readonly value: JsonValue; readonly files: readonly string[] }
  | { readonly kind: 'text'; readonly contentType: string; readonly text: string };

/** The ways a step is made to fail the service's validation on purpose. */
export const INVALID_KINDS = [
  'missing-required-field',
  'wrong-type',
  'out-of-range',
  'bad-enum',
  'malformed-json',
  'wrong-content-type',
  'missing-body',
  'missing-parameter',
  'bad-parameter',
] as const;

export type InvalidKind = (typeof INVALID_KINDS)[number];

/**
 * Why a step holds the values it holds: the description's examples, schema-valid values, a
 * deliberate flaw, or an edge value put in by mutation ('tweaked': valid or not, unknown).
 */
export type StepIntent = 'example' | 'valid' | 'tweaked' | InvalidKind;

export interface OpenApiStep {
  /** Upper case. */
  readonly method: string;
  /** The operation's template without the base path, e.g. '/items/{id}'. */
  readonly pathTemplate: string;
  readonly parameters: readonly StepParameter[];
  readonly body: StepBody | null;
  readonly intent: StepIntent;
}

export interface OpenApiUnit {
  /** The main operation's family, e.g. 'openapi:GET /items/{id}'. */
  readonly family: string;
  /** Prefix of every path ('' or e.g. '/v1'). */
  readonly basePath: string;
  /** 1 to 4 steps (more with a larger openapi.maxSteps); the main operation's is the last. */
  readonly steps: readonly OpenApiStep[];
}
