import { UsageError } from '../../shared/errors.js';
import type { SeccompProfile } from '../seccomp.js';
import { docker } from './docker.js';
import { readJson } from './json.js';
import { k8s } from './k8s.js';
import { oci } from './oci.js';

/** Every profile format, by name: the single source of `--format` choices and help text. */
export const PROFILE_FORMATS = { docker, oci, k8s } as const;

/** A profile format name. */
export type ProfileFormatName = keyof typeof PROFILE_FORMATS;

/** Format names in registry order (docker, the default, first). */
export const PROFILE_FORMAT_NAMES = Object.keys(PROFILE_FORMATS) as readonly ProfileFormatName[];

/** The format written when none is asked for. */
export const DEFAULT_PROFILE_FORMAT: ProfileFormatName = 'docker';

/** True if `name` is a format name. */
export function isProfileFormatName(name: string): name is ProfileFormatName {
  return Object.hasOwn(PROFILE_FORMATS, name);
}

/** The format called `name`; throws UsageError naming the valid ones when there is none. */
export function getProfileFormat(name: string): (typeof PROFILE_FORMATS)[ProfileFormatName] {
  if (!isProfileFormatName(name)) throw new UsageError(`unknown format "${name}": choose one of ${PROFILE_FORMAT_NAMES.join(', ')}`);
  return PROFILE_FORMATS[name];
}

/** `--format` help text, one clause per format, derived from the registry. */
export function profileFormatHelp(): string {
  return `profile format: ${PROFILE_FORMAT_NAMES.map((n) => `${n} = ${PROFILE_FORMATS[n].description}`).join('; ')}`;
}

/** Which format a decoded JSON document is in: k8s resource, plain OCI object, else Docker JSON. */
export function detectProfileFormat(json: unknown): ProfileFormatName {
  // Most specific first: docker matches anything, and is what the validator's errors describe best.
  const order: readonly ProfileFormatName[] = ['k8s', 'oci', 'docker'];
  return order.find((name) => PROFILE_FORMATS[name].matches(json)) ?? 'docker';
}

/** A parsed profile and the format it was written in. */
export interface ParsedProfile {
  readonly format: ProfileFormatName;
  readonly profile: SeccompProfile;
}

/** Parses a profile in any format, detected from its content; throws a one-line InputFileError. */
export function parseAnyProfile(text: string, source: string): ParsedProfile {
  const json = readJson(text, source);
  const format = detectProfileFormat(json);
  return { format, profile: PROFILE_FORMATS[format].fromJson(json, source) };
}
