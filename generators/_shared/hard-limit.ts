/** Resolves with `run`'s value, or with `fallback` once `ms` have passed without it. */
export function withHardLimit<T>(run: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  // Past the limit nobody awaits `run`; a late failure must not become an unhandled rejection.
  run.catch(() => undefined);
  return Promise.race([run, limit]).finally(() => clearTimeout(timer));
}
