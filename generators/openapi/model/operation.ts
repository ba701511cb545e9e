import type { JsonSchema } from '../schema/json-schema.js';

/**
 * What the generator knows of a description after prepare(): its operations, with parameter and
 * body schemas dereferenced (possibly cyclic objects). This never goes into a unit; units carry
 * the concrete values drawn from it.
 */

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

/**
 * How a parameter value is written (OpenAPI 3 `style`; Swagger 2.0 `collectionFormat` maps onto
 * it, with 'tabDelimited' for tsv).
 */
export type ParameterStyle = 'simple' | 'label' | 'matrix' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'tabDelimited' | 'deepObject';

export interface ParameterSpec {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly style: ParameterStyle;
  readonly explode: boolean;
  /** `example`, `examples[*].value`, `x-example`: first in the examples phase. */
  readonly examples: readonly unknown[];
}

/** How a body of this media type is written. */
export type MediaKind = 'json' | 'form' | 'multipart' | 'text';

export interface MediaSpec {
  readonly contentType: string;
  readonly kind: MediaKind;
  readonly schema: JsonSchema;
  readonly examples: readonly unknown[];
}

export interface BodySpec {
  readonly required: boolean;
  /** Every media type the operation accepts, the one to send first (JSON, then form, multipart). */
  readonly media: readonly MediaSpec[];
}

/** What a 2xx answer of the operation returns that later steps could use as a path parameter. */
export interface ReturnedValues {
  /** Top-level properties of the 2xx JSON object schema. */
  readonly properties: readonly string[];
  /** Properties of the items, when the 2xx JSON schema is an array of objects. */
  readonly itemProperties: readonly string[];
  /** A 2xx answer declares a Location header. */
  readonly location: boolean;
}

export interface OperationSpec {
  /** `openapi:<METHOD> <pathTemplate>`, e.g. `openapi:GET /items/{id}`. */
  readonly family: string;
  /** Upper case, e.g. 'GET'. */
  readonly method: string;
  /** As the description writes it, without the base path: '/items/{id}'. */
  readonly pathTemplate: string;
  readonly parameters: readonly ParameterSpec[];
  readonly body: BodySpec | null;
  readonly returns: ReturnedValues;
}

export interface OpenApiModel {
  /** The file or URL it was read from, for messages. */
  readonly source: string;
  readonly dialect: '2.0' | '3.0' | '3.1';
  /** Prefix of every path: `servers[0].url`'s path (3.x) or `basePath` (2.0), '' for none. */
  readonly basePath: string;
  /** Sorted by family. */
  readonly operations: readonly OperationSpec[];
}
