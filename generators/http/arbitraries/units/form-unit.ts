import fc from 'fast-check';
import type { FormSpec, ResolvedHttpConstraints } from '../../constraints.js';
import { CREATED_PLACEHOLDER } from '../../_internals/placeholders.js';
import type { BodyPlan, ClientUnit, HeaderPair } from '../../unit.js';
import { dynamicPathArbitrary } from '../path.js';
import { requestHeadersArbitrary } from '../request-headers.js';
import { wellFormedRequestArbitrary } from '../well-formed-request.js';

/** Field names a service without forms most often reads from a body, for dynamic paths. */
const COMMON_FIELDS = ['text', 'name', 'value', 'id', 'q', 'data'];

type FieldValue = string | number | string[];

/** What a person types, what a script sends: words, numbers, lists of words. */
function fieldValueArbitrary(): fc.Arbitrary<FieldValue> {
  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), minLength: 1, maxLength: 12 });
  // Text first: a form's fields are text, and most services refuse the other types.
  return fc.oneof(
    { weight: 6, arbitrary: word },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 1000 }) },
    { weight: 1, arbitrary: fc.array(word, { minLength: 1, maxLength: 4 }) },
  );
}

function encode(fields: readonly (readonly [string, FieldValue])[], json: boolean): { type: string; text: string } {
  if (json) return { type: 'application/json', text: JSON.stringify(Object.fromEntries(fields)) };
  const params = new URLSearchParams();
  for (const [k, v] of fields) for (const one of Array.isArray(v) ? v : [v]) params.append(k, String(one));
  return { type: 'application/x-www-form-urlencoded', text: params.toString() };
}

/** One submission of a form: its fields filled in (some left out), as JSON or urlencoded. */
function submissionArbitrary(form: FormSpec): fc.Arbitrary<{ path: string; method: string; headers: HeaderPair[]; body: BodyPlan | null }> {
  const names = form.fields.length > 0 ? form.fields : COMMON_FIELDS.slice(0, 1);
  // Most submissions fill every field; one in eight leaves the first out (a validation path).
  const fields = fc
    .tuple(fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), fieldValueArbitrary()))), fc.nat(7))
    .map(([all, drop]) => (drop === 0 && all.length > 1 ? all.slice(1) : all));
  // JSON two times in three: a service behind a page of forms is as often a JSON API.
  return fc
    .tuple(
      fields,
      fc.nat(2).map((n) => n > 0),
    )
    .map(([filled, json]) => {
      const { type, text } = encode(filled, json);
      if (form.method === 'GET') {
        const query = encode(filled, false).text;
        return { path: `${form.action}${form.action.includes('?') ? '&' : '?'}${query}`, method: 'GET', headers: [], body: null };
      }
      return {
        path: form.action,
        method: 'POST',
        headers: [['Content-Type', type] as HeaderPair],
        body: { size: Buffer.byteLength(text), seed: 1, text },
      };
    });
}

/**
 * Forms filled in: the crawl's forms with their own field names, JSON or urlencoded (APIs behind
 * an HTML page often take JSON at a form's action). Without forms, common field names go to
 * the dynamic-looking paths. Bodies the service accepts reach the work it does for them.
 */
export function formUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<ClientUnit> {
  const forms: fc.Arbitrary<FormSpec> =
    c.forms.length > 0
      ? fc.constantFrom(...c.forms)
      : dynamicPathArbitrary(c).map((action): FormSpec => ({ action, method: 'POST', fields: COMMON_FIELDS }));
  const request = forms.chain(submissionArbitrary).chain((s) =>
    wellFormedRequestArbitrary({
      method: fc.constant(s.method),
      path: fc.constant(s.path.slice(0, c.maxPathBytes)),
      headers: requestHeadersArbitrary(fc.constant(s.headers)),
      body: fc.constant(s.body),
    }),
  );
  // After a submission, what it created: read it back, change it, delete it (stateful paths a
  // fresh GET never reaches; the answer to the POST names the resource).
  const followUp = fc.constantFrom('GET', 'PUT', 'DELETE').chain((method) =>
    wellFormedRequestArbitrary({
      method: fc.constant(method),
      path: fc.constant(CREATED_PLACEHOLDER),
      headers: requestHeadersArbitrary(fc.constant([])),
      body: fc.constant(null),
    }),
  );
  return fc
    .tuple(
      fc.array(request, { minLength: 1, maxLength: Math.min(4, c.maxRequestsPerUnit), size: 'max' }),
      fc.array(followUp, { minLength: 0, maxLength: 2, size: 'max' }),
    )
    .map(([requests, follows]): ClientUnit => ({ kind: 'client', family: 'form', connections: 1, requests: [...requests, ...follows] }));
}
