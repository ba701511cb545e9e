import { realAuditHost } from '../../audit/host.js';
import { auditCommand, formatAudit } from '../../commands/audit.js';
import { parseDuration } from '../../config/duration.js';

/** `sandfuzz audit CONTAINER`: what a container under a complain profile would have been denied. */
export async function audit(container: string, opts: { json?: boolean; since?: string }): Promise<void> {
  const sinceMs = opts.since === undefined ? undefined : parseDuration('--since', opts.since);
  const result = await auditCommand({ container, sinceMs }, realAuditHost());
  process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatAudit(result));
}
