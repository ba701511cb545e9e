import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../../src/report/html/model.js';
import { DOCKER_DEFAULT, loadRun, withAllowed } from './fixture.js';

describe('buildReportModel on the nginx fixture', () => {
  const run = loadRun();
  const model = buildReportModel(
    run.report,
    run.profile,
    { path: DOCKER_DEFAULT, profile: run.dockerDefault, packageVersion: '20.10.24+dfsg1-1+deb12u1' },
    run.corpus,
  );

  it('carries the provenance and the summary', () => {
    expect(model.header).toMatchObject({
      target: 'nginx',
      image: 'sandfuzz/nginx:latest',
      seed: 1,
      kernel: '6.18.44-fc-v857',
      dockerVersion: '20.10.24+dfsg1',
      generator: 'http',
      guidance: 'guided',
    });
    expect(model.summary.allowed).toBe(71);
    expect(model.summary.conditional).toEqual(['clone']);
    expect(model.summary.stop.saturated).toBe(true);
    expect(model.summary.enforcement).toEqual({ status: 'passed', replayed: 4, problems: [], wouldBlock: [] });
    expect(model.warnings).toEqual([]);
  });

  it('derives one curve series per family, with start-up first and shutdown last', () => {
    expect(model.series).toEqual(['start-up', 'http:burst', 'lifecycle:reload (SIGHUP)', 'http:malformed', 'lifecycle:nginx -s reload', 'shutdown']);
    expect(model.discovery).toHaveLength(71);
    expect(model.discovery.filter((d) => d.series === 'start-up')).toHaveLength(63);
    expect(model.discovery.at(-1)).toMatchObject({ series: 'shutdown', name: 'unlink', units: 104, syscalls: 71, seconds: 11.4242 });
    expect(model.estimates).toHaveLength(100);
    expect(model.estimates[0]).toMatchObject({ units: 1, discoveryProbability: 11, chao2: 11 });
  });

  it('says who found each allowed syscall and how to replay it', () => {
    expect(model.syscalls).toHaveLength(71);
    const row = (name: string) => model.syscalls.find((r) => r.name === name)!;
    expect(row('gettid')).toMatchObject({
      category: 'process',
      firstSeenMs: 251.7,
      phase: 'unit',
      replay: 'corpus.json unit 3, seed 1',
      docker: 'allowed',
    });
    expect(row('gettid').unit).toMatchObject({ index: 3, family: 'http:burst', confirmed: true });
    expect(row('shutdown').unit?.confirmed).toBe(false);
    expect(row('openat')).toMatchObject({ phase: 'startup', replay: 'start the target', unit: null });
    expect(row('unlink')).toMatchObject({ phase: 'shutdown', replay: 'stop the target' });
    expect(row('clone')).toMatchObject({ argConditions: true, docker: 'conditional' });
    expect(model.denials).toEqual([
      { name: 'clone3', action: 'SCMP_ACT_ERRNO', errnoRet: 38, comment: expect.stringContaining('ENOSYS'), seen: false },
    ]);
    expect(model.families.find((f) => f.family === 'lifecycle:reload (SIGHUP)')).toEqual({ family: 'lifecycle:reload (SIGHUP)', units: 3, found: 4 });
  });

  it("compares with Docker 20.10.24's default profile", () => {
    const d = model.docker;
    if (!d.available) throw new Error('expected a comparison');
    expect(d.defaultAllowed).toBe(292);
    expect(d.minedAllowed).toBe(71);
    expect(d.removed).toHaveLength(221);
    expect(d.neededButBlocked).toEqual([]);
    expect(d.neededConditional).toEqual(['clone']);
    expect(d.removedHighRisk.map((h) => h.name)).toEqual([
      'ptrace',
      'io_uring_setup',
      'io_uring_enter',
      'io_uring_register',
      'personality',
      'modify_ldt',
    ]);
    expect(d.highRiskKept).toEqual([]);
    expect(d.highRiskBlockedByBoth).toContain('bpf');
    expect(Object.values(d.removedByCategory).reduce((a, b) => a + b, 0)).toBe(221);
    expect(d.packageVersion).toBe('20.10.24+dfsg1-1+deb12u1');
  });

  it('lists what the container needs but Docker blocks, with who needed it', () => {
    const report = {
      ...run.report,
      syscalls: [
        ...run.report.syscalls,
        {
          name: 'mount',
          abi: 'x86_64' as const,
          nr: 165,
          firstSeenMs: 5000,
          foundBy: { phase: 'unit' as const, index: 12, family: 'http:malformed', description: 'x', confirmed: true },
        },
      ],
    };
    const m = buildReportModel(report, withAllowed(run.profile, 'mount', 'bpf'), { path: DOCKER_DEFAULT, profile: run.dockerDefault }, run.corpus);
    if (!m.docker.available) throw new Error('expected a comparison');
    expect(m.docker.neededButBlocked).toEqual(['bpf', 'mount']);
    expect(m.docker.highRiskKept.map((h) => h.name)).toEqual(['bpf', 'mount']);
    expect(m.syscalls.find((r) => r.name === 'mount')).toMatchObject({
      docker: 'blocked',
      replay: 'corpus.json unit 12, seed 1',
      highRisk: expect.any(String),
    });
    expect(m.syscalls.find((r) => r.name === 'bpf')).toMatchObject({ phase: 'profile', firstSeenMs: null, docker: 'blocked' });
  });

  it('says so when the default profile is missing, and when a unit is not in the corpus', () => {
    const m = buildReportModel(run.report, run.profile, undefined, undefined);
    expect(m.docker).toMatchObject({ available: false, problem: expect.stringContaining('golang-github-docker-docker-dev') });
    expect(m.syscalls.find((r) => r.name === 'gettid')!.replay).toBe('unit 3 is not in corpus.json: rerun with --seed 1');
    expect(m.syscalls.every((r) => r.docker === null)).toBe(true);
  });

  it('warns about unnamed numbers and a budget stop', () => {
    const m = buildReportModel(
      { ...run.report, unnamed: [{ abi: 'x86_64', nr: 999 }], stop: { ...run.report.stop, saturated: false, reason: 'budget' } },
      run.profile,
      undefined,
      run.corpus,
    );
    expect(m.warnings).toHaveLength(2);
    expect(m.warnings[0]).toContain('x86_64:999');
    expect(m.warnings[1]).toContain('budget');
  });
});
