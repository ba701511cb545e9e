import { createHash } from 'node:crypto';
import { UsageError } from '../../shared/errors.js';
import type { Provenance } from '../seccomp.js';
import { isObject } from './json.js';

/** Used when the provenance names neither a target nor an image. */
export const FALLBACK_K8S_NAME = 'sandfuzz-profile';

// A DNS-1123 label (also a valid subdomain): what Kubernetes accepts as metadata.name of most objects.
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LABEL = 63;

/** True if `name` is a DNS-1123 label: lowercase alphanumerics and '-', at most 63 characters. */
export function isDns1123Label(name: string): boolean {
  return name.length <= MAX_LABEL && LABEL.test(name);
}

/** Lowercases and replaces every run of other characters by '-', trimmed to 63 characters. */
export function toDns1123Label(text: string): string {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_LABEL)
    .replace(/^-+|-+$/g, '');
  return label === '' ? FALLBACK_K8S_NAME : label;
}

/** A name given by the user is checked, not rewritten: a silent rewrite would surprise kubectl users. */
export function checkK8sName(name: string): string {
  if (!isDns1123Label(name)) {
    throw new UsageError(
      `invalid k8s name ${JSON.stringify(name)}: use lowercase letters, digits and '-', at most 63 characters, starting and ending alphanumeric`,
    );
  }
  return name;
}

/**
 * metadata.name from the provenance: target (or image) plus the 12-hex short image id, e.g.
 * `nginx-45f0d871994f`. A merged profile joins its inputs' targets; several image ids become a
 * short hash of them, so the name still tells different merges apart.
 */
export function k8sNameOf(provenance: Provenance | undefined): string {
  if (provenance === undefined) return FALLBACK_K8S_NAME;
  const sources = Array.isArray(provenance.merged) ? provenance.merged.filter(isObject) : [provenance];
  const labels = unique(sources.map((s) => str(s.target) ?? str(s.image)));
  const ids = unique(
    sources.map((s) =>
      str(s.imageId)
        ?.replace(/^sha256:/, '')
        .slice(0, 12),
    ),
  );
  const suffix = ids.length === 1 ? toDns1123Label(ids[0]!) : ids.length > 1 ? `merged-${shortHash(ids)}` : undefined;
  const head = labels.length > 0 ? toDns1123Label(labels.join('-')) : undefined;
  if (head === undefined || suffix === undefined) return head ?? suffix ?? FALLBACK_K8S_NAME;
  // Shorten the target part, never the id: the id is what tells two builds apart.
  return `${head.slice(0, MAX_LABEL - suffix.length - 1).replace(/-+$/, '')}-${suffix}`;
}

function shortHash(ids: readonly string[]): string {
  return createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 8);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))].sort();
}
