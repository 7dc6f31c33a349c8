import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  access,
  constants,
  mkdir,
  opendir,
  readFile,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { assertBlobKey, type BlobInfo, type BlobStore } from './blob-store.js';

// The local store keeps today's layout: a key is a path under DATA_DIR (`media/ab/…`,
// `audio/…`). Writes go to a temporary name in the same folder and are renamed into place, so
// a reader (or a SIGKILL) never leaves half a file under the real name. The modification
// time is the last use. Listing shows leftover `.tmp` files too, for garbage collection.

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function createLocalBlobStore(root: string): BlobStore {
  const pathOf = (key: string) => join(root, assertBlobKey(key));

  async function* walk(directory: string): AsyncGenerator<BlobInfo> {
    let entries;
    try {
      entries = await opendir(directory);
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    const names: Array<{ name: string; folder: boolean }> = [];
    for await (const entry of entries)
      if (entry.isDirectory() || entry.isFile())
        names.push({ name: entry.name, folder: entry.isDirectory() });
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { name, folder } of names) {
      const path = join(directory, name);
      if (folder) {
        yield* walk(path);
        continue;
      }
      const info = await stat(path).catch(() => undefined);
      if (!info) continue;
      yield { key: relative(root, path).split(sep).join('/'), size: info.size, usedAt: info.mtime };
    }
  }

  return {
    kind: 'local',
    location: root,
    async put(key, data) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const part = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(part, data, { flag: 'wx' });
        await rename(part, target);
      } catch (error) {
        await rm(part, { force: true });
        throw error;
      }
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async stat(key) {
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? { key, size: info.size, usedAt: info.mtime } : undefined;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async read(key, range) {
      const path = pathOf(key);
      if (
        !(await stat(path).then(
          (i) => i.isFile(),
          () => false,
        ))
      )
        return undefined;
      return createReadStream(path, range ?? {}) as Readable;
    },
    async touch(key, at) {
      await utimes(pathOf(key), at, at).catch(() => undefined);
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => rm(pathOf(key), { force: true })));
    },
    list(prefix) {
      const folder = prefix.replace(/\/+$/, '');
      if (folder !== '') assertBlobKey(`${folder}/x`);
      return walk(folder === '' ? root : join(root, folder));
    },
    async check() {
      await mkdir(root, { recursive: true });
      await access(root, constants.R_OK | constants.W_OK);
    },
    close() {},
  };
}
