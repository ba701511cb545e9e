import type { ImageStore } from './image-store.js';

// Images replaced by a rebuild. A replaced base (~500 MB) cannot go while older target images still
// stand on it, so ids wait here and every sweep retries them.
const stale = new Set<string>();

/**
 * Marks an image replaced by a rebuild and removes whatever replaced images nothing uses any more.
 * Never throws: an image still used by a container, a child image or another tag simply stays.
 */
export async function retireImage(images: ImageStore, imageId: string, log?: (line: string) => void): Promise<void> {
  stale.add(imageId);
  // Removing an old target frees the old base beneath it: repeat until a pass removes nothing.
  for (let removed = true; removed; ) {
    removed = false;
    for (const id of [...stale]) {
      // 'in-use' stays for the next retirement; an engine error is treated the same way.
      const outcome = await images.removeImage(id).catch(() => 'in-use' as const);
      if (outcome === 'in-use') continue;
      stale.delete(id);
      if (outcome === 'removed') {
        removed = true;
        log?.(`removed replaced image ${id}`);
      }
    }
  }
}
