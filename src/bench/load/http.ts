import autocannon from 'autocannon';
import type { LoadRunner } from './types.js';

/** HTTP load with autocannon: keep-alive GETs of the root page. */
export const httpLoad: LoadRunner = async (endpoint, options) => {
  const r = await autocannon({
    url: `http://${endpoint.host}:${endpoint.port}/`,
    connections: options.connections,
    duration: options.seconds,
    pipelining: 1,
  });
  return { throughput: r.requests.average, latencyP50Ms: r.latency.p50, latencyP99Ms: r.latency.p99, errors: r.errors + r.non2xx };
};
