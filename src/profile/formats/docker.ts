import { serializeProfile } from '../serialize.js';
import { readJson, validateProfile } from './json.js';
import type { ProfileFormat } from './types.js';

/** Docker/moby seccomp JSON: the OCI object plus archMap, comment, includes/excludes and sandfuzz provenance. */
export const docker: ProfileFormat = {
  name: 'docker',
  description: 'Docker seccomp JSON with sandfuzz provenance (docker run --security-opt seccomp=FILE)',
  extension: '.json',
  render: (profile) => serializeProfile(profile),
  parse: (text, source) => validateProfile(readJson(text, source), source),
  fromJson: (json, source) => validateProfile(json, source),
  // Docker's format is the superset: whatever is not k8s or plain OCI is read as Docker JSON.
  matches: () => true,
};
