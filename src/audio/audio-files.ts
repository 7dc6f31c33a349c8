import { rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where narration files live: `DATA_DIR/audio/` (served) and `DATA_DIR/audio/cache/` (paragraphs). */
export function audioDirectory(dataDir: string): string {
  return join(dataDir, 'audio');
}

/** The per-paragraph MP3 cache: `DATA_DIR/audio/cache/<key>.mp3`. */
export function paragraphCacheDirectory(dataDir: string): string {
  return join(audioDirectory(dataDir), 'cache');
}

/** Writes through a temporary name and a rename, so readers never see half a file. */
export async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
