import fc from 'fast-check';
import type { HeaderPair } from '../unit.js';

/** Header names used for bulk; the head-budget rule drops them first. */
export const PADDING_HEADER_NAMES = ['X-Sandfuzz-Pad', 'Cookie'] as const;

/**
 * A large but acceptable header, up to 7000 bytes: above nginx's 1 KiB client_header_buffer_size
 * (so it moves to large_client_header_buffers) yet below their 8 KiB line limit.
 */
export function paddingHeaderArbitrary(): fc.Arbitrary<HeaderPair> {
  const bytes = fc.oneof(fc.integer({ min: 64, max: 1024 }), fc.integer({ min: 1025, max: 4096 }), fc.integer({ min: 4097, max: 7000 }));
  return fc.tuple(fc.constantFrom(...PADDING_HEADER_NAMES), bytes).map(([name, size]): HeaderPair => {
    const value =
      name === 'Cookie'
        ? 'c=v; '
            .repeat(Math.ceil(size / 5))
            .slice(0, size)
            .trim()
        : 'p'.repeat(size);
    return [name, value];
  });
}
