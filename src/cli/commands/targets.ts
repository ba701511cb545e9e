import { ensureImage } from '../../../targets/build.js';
import { getTarget, listTargets } from '../../../targets/index.js';
import { imageExists } from '../../../targets/image-inspect.js';
import { abortSignal } from '../handler.js';
import { realDeps } from '../wiring.js';

export async function list(opts: { json?: boolean }): Promise<void> {
  const { images } = realDeps();
  const rows = await Promise.all(
    listTargets().map(async (t) => ({
      name: t.name,
      image: t.image,
      port: t.port ?? '',
      protocol: t.protocol ?? '',
      description: t.description,
      built: await imageExists(images, t.image).catch(() => false),
    })),
  );
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  for (const r of rows) {
    process.stdout.write(
      `${r.name.padEnd(10)} ${r.image.padEnd(24)} ${String(r.port).padEnd(5)} ${r.protocol.padEnd(8)} ${r.built ? 'built  ' : 'not built'} ${r.description}\n`,
    );
  }
}

export async function build(name: string | undefined, opts: { rebuild?: boolean }): Promise<void> {
  const targets = name === undefined ? listTargets() : [getTarget(name)];
  const { images } = realDeps();
  for (const target of targets) {
    const started = Date.now();
    const { imageId, built } = await ensureImage(images, target, {
      rebuild: opts.rebuild ?? false,
      signal: abortSignal,
      log: (line) => process.stderr.write(`${target.name}: ${line}\n`),
    });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`${target.image} ${built ? `built in ${secs}s` : 'up to date'} (${imageId.slice(7, 19)})\n`);
  }
}
