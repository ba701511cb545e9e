import type { ImageStore } from './image-store.js';

/** True when the engine holds an image with this reference. */
export async function imageExists(images: ImageStore, ref: string): Promise<boolean> {
  return (await images.inspectImage(ref)) !== undefined;
}

export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.trim();
}
