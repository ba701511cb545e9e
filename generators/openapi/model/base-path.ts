import { isSchema } from '../schema/json-schema.js';

function normalise(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** `servers[0].url` with its variables at their defaults, reduced to its path ('' for '/'). */
function serverPath(servers: unknown): string {
  if (!Array.isArray(servers) || !isSchema(servers[0])) return '';
  const server = servers[0];
  if (typeof server.url !== 'string') return '';
  const variables = isSchema(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = variables[name];
    return isSchema(variable) && typeof variable.default === 'string' ? variable.default : '';
  });
  try {
    // Absolute ('https://api.example.com/v1') or relative ('/v1', 'v1'): only the path counts, as
    // requests go to the container's published port whatever host the description names.
    return normalise(decodeURI(new URL(url, 'http://placeholder/').pathname));
  } catch {
    return '';
  }
}

/** The prefix every operation path gets: `basePath` (2.0) or `servers[0].url`'s path (3.x). */
export function basePathOf(document: Record<string, unknown>): string {
  if (typeof document.swagger === 'string') return typeof document.basePath === 'string' ? normalise(document.basePath) : '';
  return serverPath(document.servers);
}
