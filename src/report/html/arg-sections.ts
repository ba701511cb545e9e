import type { AllowedValue, ArgRuleOutcome } from '../../profile/args/index.js';
import type { ConditionComparison, ConditionVerdict } from '../../profile/docker-conditions.js';
import { escapeHtml, html, plural, raw, type Raw } from './format.js';
import type { ReportModel } from './model.js';

const BASIS_LABEL: Readonly<Record<ArgRuleOutcome['basis'], string>> = {
  mined: 'mined values',
  docker: "Docker's condition",
  'name-only': 'by name only',
};

const ERRNO_NAMES: Readonly<Record<number, string>> = { 1: 'EPERM', 13: 'EACCES', 38: 'ENOSYS', 97: 'EAFNOSUPPORT' };

/** "EAFNOSUPPORT (97)". */
export function errnoLabel(errno: number): string {
  return ERRNO_NAMES[errno] ? `${ERRNO_NAMES[errno]} (${errno})` : `errno ${errno}`;
}

/** A long "start-up, units 3, 5, 9, ..." list cut after `max` items; the page keeps the rest in a tooltip. */
export function shortSeenIn(seenIn: string, max = 10): string {
  const items = seenIn.split(/,\s*/);
  return items.length <= max + 2 ? seenIn : `${items.slice(0, max).join(', ')}, … (${items.length - max} more)`;
}

/** One row per syscall with an argument rule: what it allows, where each value was seen, what the rest gets. */
export function argumentRulesSection(model: ReportModel): Raw {
  const rows = model.argumentRules;
  const intro = html`<p>Syscalls the profile allows only with certain argument values.
<span class="badge basis-mined">mined values</span> only the values the container used, within Docker's conditions;
<span class="badge basis-docker">Docker's condition</span> Docker's own condition, unchanged;
<span class="badge basis-name-only">by name only</span> any arguments (the note says why).
A value marked <span class="badge thin">thin</span> was needed by one workload unit only: the evidence for it is one observation.</p>
<p class="muted">A refused argument gets EPERM (1), the profile's default; writable and executable memory gets EACCES (13);
a socket family the container never used gets EAFNOSUPPORT (97), what a kernel built without it answers, so software probing for IPv6 or netlink takes its fallback (a used family with another type gets EPERM).</p>`;
  if (!model.argumentsRecorded) {
    return html`<section id="argument-rules"><h2>Argument rules</h2>
<p class="muted">This report.json predates argument rules (written by an older sandfuzz): rerun to see them.</p></section>`;
  }
  if (rows.length === 0) {
    return html`<section id="argument-rules"><h2>Argument rules</h2>${intro}<p class="muted">None: the profile allows no syscall sandfuzz writes argument rules for.</p></section>`;
  }
  return html`<section id="argument-rules">
<h2>Argument rules (${rows.length})</h2>
${intro}
<table><thead><tr><th>Syscall</th><th class="basis">Basis</th><th>Allowed values and where they were seen</th><th>Other values get</th><th>Used but refused, as by Docker's default</th></tr></thead>
<tbody>${rows.map(argRuleRow)}</tbody></table>
</section>`;
}

function argRuleRow(o: ArgRuleOutcome): Raw {
  const other =
    o.blockedErrno !== undefined
      ? html`<code>${errnoLabel(o.blockedErrno)}</code>`
      : o.rules.length === 0
        ? html`<span class="muted">allowed: no rule</span>`
        : html`<span class="muted">the profile's default</span>`;
  return html`<tr>
<td class="name">${o.syscall}</td>
<td class="basis"><span class="badge basis-${o.basis}">${BASIS_LABEL[o.basis]}</span>${o.note ? html`<span class="sub">${o.note}</span>` : ''}</td>
<td>${o.allowed.length > 0 ? html`<ul class="values">${o.allowed.map((v) => valueItem(v, o.basis))}</ul>` : html`<span class="muted">–</span>`}</td>
<td>${other}</td>
<td>${o.refused.length > 0 ? html`<ul class="values">${o.refused.map((v) => valueItem({ ...v, thin: false }, o.basis))}</ul>` : html`<span class="muted">–</span>`}</td>
</tr>`;
}

function valueItem(v: AllowedValue, basis: ArgRuleOutcome['basis']): Raw {
  const seen = v.seenIn
    ? html`<span class="sub"${v.seenIn !== shortSeenIn(v.seenIn) ? raw(` title="${escapeHtml(v.seenIn)}"`) : ''}>seen in ${shortSeenIn(v.seenIn)}</span>`
    : basis === 'docker'
      ? html`<span class="sub">Docker's condition, not mined</span>`
      : '';
  return html`<li><code>${v.call}</code>${v.thin ? html` <span class="badge thin" title="needed by one workload unit only">thin: 1 unit</span>` : ''}${seen}</li>`;
}

/** What the profile still allows that is dangerous, why, and what needed it. */
export function profileWarningsSection(model: ReportModel): Raw {
  const ws = model.profileWarnings;
  if (!model.argumentsRecorded) {
    return html`<section id="profile-warnings"><h2>Warnings</h2>
<p class="muted">This report.json predates profile warnings (written by an older sandfuzz): rerun to see them.</p></section>`;
  }
  if (ws.length === 0) {
    return html`<section id="profile-warnings"><h2>Warnings</h2>
<p><span class="ok">None.</span> The profile allows no high-risk syscall without an argument rule, none of the dangerous argument values sandfuzz checks
(raw and packet sockets, AF_ALG, TIOCSTI), and keeps clone's namespace mask and W^X.</p></section>`;
  }
  return html`<section id="profile-warnings">
<h2>Warnings (${ws.length})</h2>
<p>Dangerous things the profile still allows, because the container needed them. Review each before deploying.</p>
<table><thead><tr><th>Allows</th><th>Why it matters</th><th>Needed by</th></tr></thead><tbody>
${ws.map((w) => html`<tr><td class="name">${w.allows}</td><td class="why">${w.why}</td><td>${w.neededBy ?? html`<span class="muted">unknown</span>`}</td></tr>`)}
</tbody></table>
</section>`;
}

const VERDICT_LABEL: Readonly<Record<ConditionVerdict, string>> = {
  keeps: 'keeps',
  tightens: 'tightens',
  lacks: 'LACKS',
  'not-allowed': 'not allowed',
};

/** Docker's argument conditions, and whether the mined profile keeps, tightens or lacks each. */
export function dockerConditionsTable(model: ReportModel): Raw {
  const cs = model.dockerConditions;
  if (cs.length === 0) return html``;
  const builtInOnly = !model.docker.available;
  return html`<h3>Docker's argument conditions</h3>
<p>Docker allows some syscalls only with certain arguments. Each condition is checked by putting the same calls to both profiles, decided as libseccomp under runc decides them:
<span class="badge cv-keeps">keeps</span> the same answer for every call;
<span class="badge cv-tightens">tightens</span> allows only calls Docker allows, and fewer;
<span class="badge cv-lacks">LACKS</span> allows a call Docker's condition refuses;
<span class="badge cv-not-allowed">not allowed</span> refuses the syscall outright.
Conditions marked Docker 29 are built into sandfuzz from Docker 29's default profile, which added the socket and socketcall conditions after CVE-2026-31431 (Copy Fail):
sandfuzz builds every profile to keep them, whatever Docker is installed${builtInOnly ? '. Without the default profile, only these are compared' : ''}.</p>
<table><thead><tr><th>Syscall</th><th>Docker's condition</th><th>From</th><th>Mined profile</th><th>What differs</th></tr></thead><tbody>
${cs.map(conditionRow)}
</tbody></table>`;
}

function conditionRow(c: ConditionComparison): Raw {
  const name = c.abi === 'x86_64' ? c.syscall : `${c.abi}:${c.syscall}`;
  return html`<tr>
<td class="name">${name}</td>
<td>${c.condition}</td>
<td>${c.source === 'Docker 29' ? html`<span title="DOCKER_FLOOR: moby#52494 (May 2026, after CVE-2026-31431 Copy Fail)">Docker 29</span>` : 'default profile'}</td>
<td><span class="badge cv-${c.verdict}">${VERDICT_LABEL[c.verdict]}</span></td>
<td>${differs(c)}</td>
</tr>`;
}

function differs(c: ConditionComparison): Raw {
  switch (c.verdict) {
    case 'keeps':
      return html`<span class="muted">same answer for all ${plural(c.probed, 'call')}</span>`;
    case 'not-allowed':
      return html`<span class="muted">the mined profile does not allow ${c.syscall}</span>`;
    case 'tightens':
      return html`allows only ${calls(c.minedAllows, 'no call probed')}<span class="sub">refuses ${c.narrowed.length} of the ${plural(c.dockerAllows, 'call')} Docker allows (${c.probed} probed)</span>`;
    case 'lacks':
      return html`opens ${calls(c.opened, '')}<span class="sub">${plural(c.opened.length, 'call')} Docker's condition refuses</span>`;
  }
}

function calls(list: readonly string[], none: string, max = 6): Raw {
  if (list.length === 0) return html`<span class="muted">${none}</span>`;
  const shown = list.slice(0, max);
  return html`${shown.map((l, i) => html`${i > 0 ? ', ' : ''}<code>${l}</code>`)}${list.length > max ? html` <span class="muted">and ${list.length - max} more</span>` : ''}`;
}
