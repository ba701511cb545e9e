import { InputFileError, UsageError } from '../../shared/errors.js';
import { EPERM } from '../build.js';
import type { SeccompProfile } from '../seccomp.js';
import { canonicalJson, isObject, type JsonObject, readJson, validateProfile } from './json.js';
import { checkK8sName, k8sNameOf } from './k8s-name.js';
import { ociObject } from './oci.js';
import type { ProfileFormat, RenderMeta } from './types.js';

/** The Security Profiles Operator's API group and version (api/seccompprofile/v1beta1). */
export const K8S_API_VERSION = 'security-profiles-operator.x-k8s.io/v1beta1';
/** The SPO custom resource kind. */
export const K8S_KIND = 'SeccompProfile';
/** The annotation holding the provenance record, as canonical JSON (annotation values are strings). */
export const PROVENANCE_ANNOTATION = 'sandfuzz/provenance';

const API_GROUP = K8S_API_VERSION.slice(0, K8S_API_VERSION.indexOf('/') + 1);

/**
 * A Security Profiles Operator `SeccompProfile` resource, written as JSON: kubectl applies JSON
 * manifests as they are, JSON is valid YAML for yq/kustomize, and reading our own output back
 * needs no YAML parser. No namespace: kubectl applies it to the current one.
 * The SPO spec has no defaultErrnoRet (the runtime falls back to EPERM), so only EPERM is accepted.
 */
export const k8s: ProfileFormat = {
  name: 'k8s',
  description: `Security Profiles Operator ${K8S_KIND} resource, as JSON for kubectl apply -f`,
  extension: '.k8s.json',
  render: (profile, meta) => `${JSON.stringify(k8sObject(profile, meta), null, 2)}\n`,
  parse: (text, source) => fromJson(readJson(text, source), source),
  fromJson: (json, source) => fromJson(json, source),
  matches: (json) => isObject(json) && (json.apiVersion !== undefined || json.kind !== undefined),
};

function k8sObject(profile: SeccompProfile, meta: RenderMeta = {}): object {
  if (profile.defaultErrnoRet !== undefined && profile.defaultErrnoRet !== EPERM) {
    throw new UsageError(
      `the k8s format cannot express defaultErrnoRet ${profile.defaultErrnoRet}: the SPO spec has no such field and the runtime would return EPERM`,
    );
  }
  const { defaultErrnoRet: _dropped, ...spec } = ociObject(profile, 'k8s');
  const name = meta.name !== undefined ? checkK8sName(meta.name) : k8sNameOf(profile.sandfuzz);
  const annotations = profile.sandfuzz === undefined ? undefined : { [PROVENANCE_ANNOTATION]: canonicalJson(profile.sandfuzz) };
  return { apiVersion: K8S_API_VERSION, kind: K8S_KIND, metadata: annotations ? { name, annotations } : { name }, spec };
}

function fromJson(json: unknown, source: string): SeccompProfile {
  if (!isObject(json)) throw new InputFileError(`${source}: not a k8s ${K8S_KIND}: expected an object`);
  if (json.kind !== K8S_KIND || typeof json.apiVersion !== 'string' || !json.apiVersion.startsWith(API_GROUP)) {
    throw new InputFileError(`${source}: not an SPO ${K8S_KIND}: kind ${short(json.kind)}, apiVersion ${short(json.apiVersion)}`);
  }
  if (!isObject(json.spec)) throw new InputFileError(`${source}: ${K8S_KIND} without a spec object`);
  const { baseProfileName, disabled: _disabled, ...spec } = json.spec;
  if (baseProfileName !== undefined && baseProfileName !== '') {
    // The operator unions the base profile in the cluster; without it the rules here are incomplete.
    throw new InputFileError(
      `${source}: spec.baseProfileName ${short(baseProfileName)} is resolved by the operator in the cluster: sandfuzz cannot read it`,
    );
  }
  return validateProfile({ ...spec, syscalls: numericErrnos(spec.syscalls), sandfuzz: provenanceOf(json, source) }, `${source}: spec`);
}

/** Earlier SPO CRDs typed errnoRet as a string; accept digits there too. */
function numericErrnos(syscalls: unknown): unknown {
  if (!Array.isArray(syscalls)) return syscalls;
  return syscalls.map((r: unknown) =>
    isObject(r) && typeof r.errnoRet === 'string' && /^\d+$/.test(r.errnoRet) ? { ...r, errnoRet: Number(r.errnoRet) } : r,
  );
}

function provenanceOf(json: JsonObject, source: string): unknown {
  const annotations = isObject(json.metadata) && isObject(json.metadata.annotations) ? json.metadata.annotations : {};
  const text = annotations[PROVENANCE_ANNOTATION];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(String(text));
  } catch {
    throw new InputFileError(`${source}: annotation ${PROVENANCE_ANNOTATION} is not valid JSON`);
  }
}

function short(value: unknown): string {
  const s = JSON.stringify(value) ?? 'nothing';
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
