import { describe, expect, it } from 'vitest';
import { resolveSqlConstraints } from '../../../../generators/sql/index.js';
import type { SqlConstraints } from '../../../../generators/sql/index.js';
import { UsageError } from '../../../../src/shared/errors.js';

describe('resolveSqlConstraints', () => {
  it('fills the defaults', () => {
    const resolved = resolveSqlConstraints();
    expect(resolved).toMatchObject({ maxStepsPerUnit: 10, bigRows: 250_000, statementTimeoutMs: 8_000, databasePrefix: 'sf_db_' });
    expect(resolved.families).toHaveLength(18);
  });

  it.each<[SqlConstraints, string]>([
    [{ maxStepsPerUnit: 0 }, 'sql.maxStepsPerUnit'],
    [{ maxStepsPerUnit: 2.5 }, 'sql.maxStepsPerUnit'],
    [{ maxStepsPerUnit: 51 }, 'sql.maxStepsPerUnit'],
    [{ bigRows: 1000 }, 'sql.bigRows'],
    [{ bigRows: 10_000_000 }, 'sql.bigRows'],
    [{ statementTimeoutMs: 10 }, 'sql.statementTimeoutMs'],
    [{ databasePrefix: 'postgres' }, 'sql.databasePrefix'],
    [{ databasePrefix: 'template' }, 'sql.databasePrefix'],
    [{ databasePrefix: 'sf_Bad' }, 'sql.databasePrefix'],
    [{ databasePrefix: 'sf_db; DROP' }, 'sql.databasePrefix'],
    [{ families: [] }, 'sql.families'],
    [{ families: ['gopher' as never] }, 'sql.families'],
  ])('refuses %j, naming %s', (constraints, option) => {
    expect(() => resolveSqlConstraints(constraints)).toThrow(UsageError);
    expect(() => resolveSqlConstraints(constraints)).toThrow(option);
  });
});
