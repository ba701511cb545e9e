import pg from 'pg';
import type { LoadResult, LoadRunner } from './types.js';
import { percentile } from './types.js';

// pgbench's select-only flavour without its tables: a point lookup in a small VALUES list.
const QUERY = 'SELECT v FROM (VALUES (1),(2),(3),(4),(5)) AS t(v) WHERE v = $1';

/** Postgres load: prepared point queries on several connections (pgbench -S style). */
export const postgresLoad: LoadRunner = async (endpoint, options): Promise<LoadResult> => {
  const until = Date.now() + options.seconds * 1000;
  const latencies: number[] = [];
  let done = 0;
  let errors = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      const client = new pg.Client({ host: endpoint.host, port: endpoint.port, user: 'postgres', database: 'postgres' });
      client.on('error', () => undefined);
      try {
        await client.connect();
        for (let i = 0; Date.now() < until; i++) {
          const t = performance.now();
          try {
            await client.query({ name: 'bench', text: QUERY, values: [(i % 5) + 1] });
            done++;
            latencies.push(performance.now() - t);
          } catch {
            errors++;
          }
        }
      } catch {
        errors++;
      } finally {
        await client.end().catch(() => undefined);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { throughput: done / seconds, latencyP50Ms: percentile(latencies, 50), latencyP99Ms: percentile(latencies, 99), errors };
};
