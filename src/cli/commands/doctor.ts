import { checkPrerequisites, prerequisiteErrorClass } from '../../env/prerequisites.js';
import { type RealDeps, realDeps } from '../wiring.js';

export async function doctor(opts: { json?: boolean }, wire: () => RealDeps = realDeps): Promise<void> {
  const results = await checkPrerequisites(wire().probe);
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
