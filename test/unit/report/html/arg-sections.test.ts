import { describe, expect, it } from 'vitest';
import type { ArgRuleOutcome } from '../../../../src/profile/args/index.js';
import type { ProfileWarning } from '../../../../src/profile/warnings.js';
import { errnoLabel, shortSeenIn } from '../../../../src/report/html/arg-sections.js';
import { parseRunReport } from '../../../../src/report/html/inputs.js';
import { buildReportModel } from '../../../../src/report/html/model.js';
import { renderReportHtml } from '../../../../src/report/html/render.js';
import type { RunReport } from '../../../../src/report/run-report.js';
import { DOCKER_DEFAULT, loadRun, withAllowed } from './fixture.js';

const CHARTS = { discovery: '<svg></svg>', estimates: '<svg></svg>' };
const EVIL = '<script>alert(1)</script>';

const RULES: ArgRuleOutcome[] = [
  {
    syscall: 'clone',
    rules: [{ names: ['clone'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 0x7e020000, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }] }],
    basis: 'docker',
    allowed: [{ call: 'clone(flags without CLONE_NEW*)' }],
    refused: [],
    blockedErrno: 1,
  },
  {
    syscall: 'socket',
    rules: [{ names: ['socket'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 2, op: 'SCMP_CMP_EQ' }] }],
    basis: 'mined',
    allowed: [
      { call: 'socket(AF_INET, SOCK_STREAM, *)', seenIn: 'start-up, units 26, 91, 151', thin: false },
      { call: 'socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)', seenIn: 'unit 41', thin: true },
    ],
    refused: [{ call: 'socket(AF_ALG, SOCK_SEQPACKET, 0)', seenIn: 'unit 12' }],
    blockedErrno: 97,
  },
  { syscall: 'ioctl', rules: [], basis: 'name-only', allowed: [], refused: [], note: 'more than 32 requests: ioctl stays allowed by name' },
];
const WARNINGS: ProfileWarning[] = [
  { allows: 'socket(AF_INET, SOCK_RAW)', why: 'raw IP sockets: forged packets on the container network', neededBy: 'unit 41 (http:burst)' },
  { allows: 'ptrace', why: 'reads and writes other processes' },
];

describe('argument rules and warnings in report.html', () => {
  const run = loadRun();
  const dockerDefault = { path: DOCKER_DEFAULT, profile: run.dockerDefault };
  const withArgs = (rules: ArgRuleOutcome[], warnings: ProfileWarning[]): RunReport => ({ ...run.report, argumentRules: rules, warnings });

  it('shows one row per ruled syscall: basis, values, where seen, thin evidence, errno and refused values', () => {
    const model = buildReportModel(withArgs(RULES, []), run.profile, dockerDefault, run.corpus);
    expect(model.argumentsRecorded).toBe(true);
    const page = renderReportHtml(model, CHARTS);
    const section = page.slice(page.indexOf('id="argument-rules"'), page.indexOf('id="syscalls"'));
    expect(section).toContain('Argument rules (3)');
    expect(section.match(/<tr>\n<td class="name">/g)).toHaveLength(3);
    expect(section).toContain('<span class="badge basis-docker">Docker&#39;s condition</span>');
    expect(section).toContain('<span class="badge basis-name-only">by name only</span><span class="sub">more than 32 requests');
    expect(section).toContain('<code>socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)</code> <span class="badge thin"');
    expect(section.slice(section.indexOf('<tbody>')).match(/badge thin"/g)).toHaveLength(1);
    expect(section).toContain('seen in start-up, units 26, 91, 151');
    expect(section).toContain('<code>EAFNOSUPPORT (97)</code>');
    expect(section).toContain('<code>EPERM (1)</code>');
    expect(section).toContain('<code>socket(AF_ALG, SOCK_SEQPACKET, 0)</code><span class="sub">seen in unit 12</span>');
  });

  it('lists the warnings in their own section and points at them from a callout above the summary', () => {
    const page = renderReportHtml(buildReportModel(withArgs([], WARNINGS), run.profile, dockerDefault, run.corpus), CHARTS);
    const section = page.slice(page.indexOf('id="profile-warnings"'), page.indexOf('id="argument-rules"'));
    expect(section).toContain('Warnings (2)');
    expect(section).toContain('<td class="name">socket(AF_INET, SOCK_RAW)</td><td class="why">raw IP sockets');
    expect(section).toContain('<td>unit 41 (http:burst)</td>');
    expect(section).toContain('<span class="muted">unknown</span>');
    const callout = page.indexOf('id="allows-dangerous"');
    expect(callout).toBeGreaterThan(0);
    expect(callout).toBeLessThan(page.indexOf('class="band"'));
  });

  it('says none when a current report has no rules or warnings', () => {
    const page = renderReportHtml(buildReportModel(withArgs([], []), run.profile, dockerDefault, run.corpus), CHARTS);
    expect(page).toContain('None: the profile allows no syscall sandfuzz writes argument rules for.');
    expect(page).toContain('<span class="ok">None.</span>');
    expect(page).not.toContain('id="allows-dangerous"');
  });

  it('renders a report.json from before argument rules, saying it predates them', () => {
    expect(run.report.argumentRules).toBeUndefined();
    const model = buildReportModel(run.report, run.profile, dockerDefault, run.corpus);
    expect(model).toMatchObject({ argumentsRecorded: false, argumentRules: [], profileWarnings: [] });
    const page = renderReportHtml(model, CHARTS);
    expect(page).toContain('This report.json predates argument rules');
    expect(page).toContain('This report.json predates profile warnings');
  });

  it('escapes calls, notes and warnings', () => {
    const rules: ArgRuleOutcome[] = [{ ...RULES[1]!, note: EVIL, allowed: [{ call: EVIL, seenIn: EVIL, thin: true }] }];
    const page = renderReportHtml(
      buildReportModel(withArgs(rules, [{ allows: EVIL, why: EVIL, neededBy: EVIL }]), run.profile, dockerDefault, run.corpus),
      CHARTS,
    );
    expect(page).not.toContain('<script');
  });
});

describe("Docker's argument conditions in report.html", () => {
  const run = loadRun();

  it('says for each condition whether the mined profile keeps, tightens or lacks it', () => {
    const profile = withAllowed(run.profile, 'socket', 'personality');
    const model = buildReportModel(run.report, profile, { path: DOCKER_DEFAULT, profile: run.dockerDefault }, run.corpus);
    expect(model.dockerConditions.map((c) => [c.syscall, c.verdict])).toEqual([
      ['clone', 'keeps'],
      ['personality', 'lacks'],
      ['socket', 'lacks'],
      ['socketcall', 'not-allowed'],
    ]);
    const page = renderReportHtml(model, CHARTS);
    const section = page.slice(page.indexOf('id="docker-default"'), page.indexOf('id="profile-warnings"'));
    expect(section).toContain("Docker's argument conditions");
    expect(section).toContain('<span class="badge cv-lacks">LACKS</span>');
    expect(section).toContain('<code>socket(AF_ALG, SOCK_STREAM, 0)</code>');
    expect(section).toContain('<code>personality(READ_IMPLIES_EXEC)</code>');
    expect(section).toContain('i386:socketcall');
  });

  it("compares the built-in conditions when Docker's default profile is missing", () => {
    const model = buildReportModel(run.report, run.profile, { path: '/nope/default.json', problem: 'not found' }, run.corpus);
    expect(model.dockerConditions.every((c) => c.source === 'Docker 29')).toBe(true);
    expect(model.dockerConditions.find((c) => c.syscall === 'clone')?.verdict).toBe('keeps');
    const page = renderReportHtml(model, CHARTS);
    expect(page).toContain('Without the default profile, only these are compared');
  });
});

describe('reading the new report.json keys', () => {
  const { report } = loadRun();

  it('leaves them absent in an old report.json, and skips entries the page cannot show', () => {
    const old = parseRunReport(JSON.stringify(report), 'r.json');
    expect('argumentRules' in old || 'warnings' in old).toBe(false);
    const odd = parseRunReport(
      JSON.stringify({
        ...report,
        argumentRules: [
          RULES[1],
          { syscall: 'x', basis: 'guess' },
          'junk',
          { ...RULES[0], allowed: [{ call: 1 }, { call: 'ok', thin: 'yes' }], note: 3 },
        ],
        warnings: [WARNINGS[0], { allows: 'x' }, null],
      }),
      'r.json',
    );
    expect(odd.argumentRules).toEqual([RULES[1], { ...RULES[0], allowed: [{ call: 'ok' }] }]);
    expect(odd.warnings).toEqual([WARNINGS[0]]);
    const notArrays = parseRunReport(JSON.stringify({ ...report, argumentRules: {}, warnings: 'none' }), 'r.json');
    expect([notArrays.argumentRules, notArrays.warnings]).toEqual([[], []]);
  });

  it('shortens long seen-in lists and names errnos', () => {
    expect(shortSeenIn('start-up, units 3, 41')).toBe('start-up, units 3, 41');
    const long = `units ${Array.from({ length: 30 }, (_, i) => i + 1).join(', ')}`;
    expect(shortSeenIn(long)).toBe('units 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (20 more)');
    expect([errnoLabel(97), errnoLabel(13), errnoLabel(1), errnoLabel(22)]).toEqual(['EAFNOSUPPORT (97)', 'EACCES (13)', 'EPERM (1)', 'errno 22']);
  });
});
