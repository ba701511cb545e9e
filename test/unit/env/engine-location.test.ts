import { describe, expect, it } from 'vitest';
import { assertLocalEngine } from '../../../src/env/engine-location.js';
import { RemoteEngineError } from '../../../src/shared/errors.js';

describe('DOCKER_HOST', () => {
  it.each([
    undefined,
    '',
    'unix:///var/run/docker.sock',
    'unix:///run/user/0/docker.sock',
    'tcp://127.0.0.1:2375',
    'tcp://localhost:2375',
    'tcp://[::1]:2375',
  ])('%j is this machine', (value) => expect(() => assertLocalEngine(value)).not.toThrow());

  it.each(['tcp://10.0.0.5:2376', 'ssh://deploy@build-01', 'tcp://docker.example.com:2376', 'https://engine:2376'])(
    '%j is refused in one line that says what to do',
    (value) => {
      expect(() => assertLocalEngine(value)).toThrow(RemoteEngineError);
      expect(() => assertLocalEngine(value)).toThrow(
        /^DOCKER_HOST=.* is an engine on another host, and the tracer must run where the containers run: run sandfuzz on that host/,
      );
    },
  );
});
