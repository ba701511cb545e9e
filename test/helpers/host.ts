import Docker from 'dockerode';

/**
 * End-to-end tests need a Docker engine, root and bpftrace. They never skip: a machine without
 * them fails here with the fix, which is what CI must see (.ci/run installs everything).
 */
export async function requireHost(): Promise<Docker> {
  if (process.getuid?.() !== 0) throw new Error('end-to-end tests must run as root (bpftrace needs it)');
  const docker = new Docker();
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(`no Docker engine answers (${(err as Error).message}); run: npm run setup`);
  }
  return docker;
}
