import type Dockerode from 'dockerode';

// Images replaced by a rebuild. A replaced base (~500 MB) cannot go while older target images still
// stand on it, so ids wait here and every sweep retries them.
const stale = new Set<string>();

/**
 * Marks an image replaced by a rebuild and removes whatever replaced images nothing uses any more.
 * Never throws: an image still used by a container, a child image or another tag simply stays.
 */
export async function retireImage(docker: Dockerode, imageId: string, log?: (line: string) => void): Promise<void> {
  stale.add(imageId);
  // Removing an old target frees the old base beneath it: repeat until a pass removes nothing.
  for (let removed = true; removed; ) {
    removed = false;
    for (const id of [...stale]) {
      try {
        await docker.getImage(id).remove();
        stale.delete(id);
        removed = true;
        log?.(`removed replaced image ${id}`);
      } catch (err) {
        // 404: already gone. 409: still in use; retried at the next retirement.
        if ((err as { statusCode?: number }).statusCode === 404) stale.delete(id);
      }
    }
  }
}
