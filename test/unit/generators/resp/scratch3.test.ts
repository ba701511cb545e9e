import { it } from 'vitest';
import { respGenerator } from '../../../../generators/resp/index.js';
it('x', () => {
  for (const f of respGenerator.families) for (let s = 0; s < 25; s++) {
    const u = respGenerator.generate(f, s);
    const bad = (v: unknown, path: string): void => {
      if (v && typeof v === 'object' && !Array.isArray(v)) { if (Object.getPrototypeOf(v) !== Object.prototype) console.log(f, path, Object.getPrototypeOf(v)); Object.entries(v).forEach(([k, x]) => { if (x === undefined) console.log(f, path, k, 'undef'); bad(x, path + '.' + k); }); }
      else if (Array.isArray(v)) v.forEach((x, i) => bad(x, path + '[' + i + ']'));
    };
    bad(u, '');
  }
});
