import type { SeccompProfile } from '../seccomp.js';

/** Per-render choices that are not part of the profile itself. */
export interface RenderMeta {
  /** k8s only: metadata.name (default: derived from the provenance's target and image id). */
  readonly name?: string;
}

/** One output/input format of a seccomp profile: an entry of PROFILE_FORMATS. */
export interface ProfileFormat {
  readonly name: string;
  /** One line for `--help`. */
  readonly description: string;
  /** File extension, with the dot; distinct per format so several can sit side by side (seccomp.k8s.json). */
  readonly extension: string;
  /** The profile as text; pure and deterministic. Throws UsageError when the format cannot express it. */
  render(profile: SeccompProfile, meta?: RenderMeta): string;
  /** Parses and validates text in this format; throws a one-line InputFileError naming `source`. */
  parse(text: string, source: string): SeccompProfile;
  /** Like parse, for an already decoded JSON document. */
  fromJson(json: unknown, source: string): SeccompProfile;
  /** Whether a decoded JSON document looks like this format (for auto-detection). */
  matches(json: unknown): boolean;
}
