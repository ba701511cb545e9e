import { CATEGORY_LABELS, SYSCALL_CATEGORIES } from '../../syscalls/categories.js';
import { HIGH_RISK_SYSCALLS } from '../../syscalls/high-risk.js';
import { dockerConditionsTable } from './arg-sections.js';
import type { DockerVerdict } from './docker-compare.js';
import { formatMs, html, percent, plural, type Raw } from './format.js';
import type { ReportModel, SyscallRow } from './model.js';

const VERDICT_LABEL = { allowed: 'allowed', conditional: 'args only', blocked: 'BLOCKED' } as const;

function verdictBadge(v: DockerVerdict): Raw {
  return html`<span class="badge v-${v}">${VERDICT_LABEL[v]}</span>`;
}

/** The mined profile against Docker's default profile. */
export function dockerSection(model: ReportModel): Raw {
  const d = model.docker;
  if (!d.available) {
    return html`<section id="docker-default"><h2>Compared with Docker's default profile</h2>
<p>Docker's default profile ${d.problem} (looked for <code>${d.path}</code>), so the profile cannot be compared with it.</p>
${dockerConditionsTable(model)}</section>`;
  }
  const removed = new Set(d.removed);
  const source = d.packageVersion ? `Debian package version ${d.packageVersion}` : 'installed file';
  const categories = SYSCALL_CATEGORIES.filter((c) => d.removedByCategory[c] > 0);
  return html`<section id="docker-default">
<h2>Compared with Docker's default profile</h2>
<p>Docker ${model.header.dockerVersion} runs containers under its default profile (<code>${d.path}</code>, ${source}),
which allows <strong>${d.defaultAllowed}</strong> x86_64 syscalls with Docker's default capabilities.
The mined profile allows <strong>${d.minedAllowed}</strong>: it removes <strong>${d.removed.length}</strong>
(${percent(d.removed.length, d.defaultAllowed)}) and needs <strong>${d.neededButBlocked.length}</strong> that the default blocks.</p>
<p class="chips"><span class="muted">Removed, by category:</span>${categories.map((c) => html`<span class="badge cat-${c}">${CATEGORY_LABELS[c]} ${d.removedByCategory[c]}</span>`)}</p>
${
  d.neededConditional.length > 0
    ? html`<p class="muted">Docker's default allows ${d.neededConditional.map((n, i) => html`${i > 0 ? ', ' : ''}<code>${n}</code>`)} only under argument conditions; how the mined profile treats each condition is in the table below.</p>`
    : ''
}
<h3>High-risk syscalls either profile allows</h3>
<table><thead><tr><th>Syscall</th><th>Docker default</th><th>Mined</th><th>Why it matters</th></tr></thead><tbody>
${HIGH_RISK_SYSCALLS.filter((h) => removed.has(h.name) || d.highRiskKept.includes(h)).map(
  (h) => html`<tr>
<td class="name">${h.name}</td><td>${verdictBadge(d.verdicts[h.name] ?? 'blocked')}</td>
<td>${removed.has(h.name) ? html`<span class="badge v-removed">removed</span>` : html`<span class="badge v-blocked">ALLOWED</span>`}</td>
<td class="why">${h.why}</td></tr>`,
)}
</tbody></table>
<p class="muted">Blocked by both profiles: ${
    d.highRiskBlockedByBoth.length > 0 ? d.highRiskBlockedByBoth.map((n, i) => html`${i > 0 ? ', ' : ''}<code>${n}</code>`) : 'none'
  }.</p>
${dockerConditionsTable(model)}
<h3>All ${plural(d.removed.length, 'syscall')} removed relative to Docker's default</h3>
<ul class="names">${d.removed.map((n) => html`<li${HIGH_RISK_SYSCALLS.some((h) => h.name === n) ? html` class="risk"` : ''}>${n}</li>`)}</ul>
</section>`;
}

/** The allowed syscalls, with who found them and how to replay it. */
export function syscallSection(model: ReportModel): Raw {
  const rows = model.syscalls;
  const counts = SYSCALL_CATEGORIES.map((c) => [c, rows.filter((r) => r.category === c).length] as const).filter(([, n]) => n > 0);
  return html`<section id="syscalls">
<h2>Allowed syscalls (${rows.length})</h2>
<p class="chips">${counts.map(([c, n]) => html`<span class="badge cat-${c}">${CATEGORY_LABELS[c]} ${n}</span>`)}</p>
<table><thead><tr><th class="num">#</th><th>Syscall</th><th>Category</th><th class="num">First seen</th><th>Found by</th><th>Confirmed</th><th>Replay</th><th>Docker default</th></tr></thead>
<tbody>${rows.map((r, i) => syscallRow(r, i + 1))}</tbody></table>
${
  model.denials.length > 0
    ? html`<h3>Explicitly denied</h3>
<table><thead><tr><th>Syscall</th><th>Action</th><th>Seen</th><th>Why</th></tr></thead><tbody>
${model.denials.map(
  (x) => html`<tr><td class="name">${x.name}</td><td><code>${x.action}${x.errnoRet !== null ? ` (errno ${x.errnoRet})` : ''}</code></td>
<td>${x.seen ? 'yes' : 'no'}</td><td class="why">${x.comment}</td></tr>`,
)}
</tbody></table>`
    : ''
}
</section>`;
}

function syscallRow(r: SyscallRow, n: number): Raw {
  const name = r.abi === 'x86_64' ? r.name : `${r.abi}:${r.name}`;
  const found = r.unit
    ? html`unit ${r.unit.index} · ${r.unit.family}<span class="sub">${r.unit.description}</span>`
    : r.phase === 'startup'
      ? 'start-up'
      : r.phase === 'shutdown'
        ? 'graceful stop'
        : html`<span class="muted">profile builder</span>`;
  const confirmed =
    !r.unit || r.unit.confirmed === null
      ? html`<span class="muted">–</span>`
      : r.unit.confirmed
        ? html`<span class="ok">yes</span>`
        : html`<span class="no">no</span>`;
  const docker = r.docker === null ? html`<span class="muted">–</span>` : verdictBadge(r.docker);
  return html`<tr>
<td class="num muted">${n}</td>
<td class="name"${r.highRisk ? html` title="${r.highRisk}"` : ''}>${name}${r.argConditions ? html`<span class="sub">with arg conditions</span>` : ''}</td>
<td>${r.category ? html`<span class="badge cat-${r.category}">${CATEGORY_LABELS[r.category]}</span>` : html`<span class="muted">?</span>`}</td>
<td class="num">${r.firstSeenMs === null ? '–' : formatMs(r.firstSeenMs)}</td>
<td>${found}</td><td>${confirmed}</td><td class="replay${r.unit ? '' : ' muted'}">${r.replay}</td><td>${docker}</td></tr>`;
}

/** Units run per workload family and what each found. */
export function explorationSection(model: ReportModel): Raw {
  if (model.families.length === 0) return html``;
  return html`<section id="exploration">
<h2>Exploration</h2>
<p>${model.summary.unitsRun} workload units in ${formatMs(model.summary.miningMs)} (${model.header.guidance}).</p>
<table><thead><tr><th>Family</th><th class="num">Units run</th><th class="num">Syscalls first found</th></tr></thead><tbody>
${model.families.map((f) => html`<tr><td>${f.family}</td><td class="num">${f.units}</td><td class="num">${f.found > 0 ? f.found : html`<span class="muted">0</span>`}</td></tr>`)}
</tbody></table>
</section>`;
}
