import { checkPrerequisites, prerequisiteErrorClass } from '../../env/prerequisites.js';
import type { TracerName } from '../../engine/tracer/tracers.js';
import { realDeps, type Wire } from '../wiring.js';

export async function doctor(opts: { json?: boolean; tracer?: TracerName }, wire: Wire = realDeps): Promise<void> {
  const { probe, tracer } = wire({ ...(opts.tracer ? { tracer: opts.tracer } : {}) });
  const results = await checkPrerequisites(probe, tracer);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    for (const r of results) {
      process.stdout.write(`${r.ok ? 'ok  ' : 'MISSING'.padEnd(4)} ${r.title.padEnd(34)} ${r.detail}\n`);
      if (!r.ok) process.stdout.write(`     fix: ${r.fix}\n`);
    }
  }
  const missing = results.filter((r) => r.requiredForRun && !r.ok);
  if (missing.length > 0) {
    throw new (prerequisiteErrorClass(missing[0]!.id))(
      `${missing.length} prerequisite(s) of 'sandfuzz run' missing: ${missing.map((m) => m.id).join(', ')}`,
    );
  }
}
