import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, DataDirLock } from '../../../local/up';
import { removeDir, tempDataDir } from './helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function dir(): Promise<string> {
  const path = await tempDataDir();
  cleanups.push(() => removeDir(path));
  return path;
}

function running(program: string, args: string[]): ChildProcess {
  const child = spawn(program, args, { stdio: 'ignore' });
  cleanups.push(async () => void child.kill('SIGKILL'));
  return child;
}

describe('DataDirLock', () => {
  it('writes its pid, refuses a second holder in this process, and removes the file on release', async () => {
    const dataDir = await dir();
    const lock = await DataDirLock.acquire(dataDir);
    expect(await readFile(join(dataDir, 'snowline-up.pid'), 'utf8')).toBe(`${process.pid}\n`);
    await expect(DataDirLock.acquire(dataDir)).rejects.toBeInstanceOf(DataDirInUseError);
    await lock.release();
    await expect(readFile(join(dataDir, 'snowline-up.pid'), 'utf8')).rejects.toThrow(/ENOENT/);
    await (await DataDirLock.acquire(dataDir)).release();
  });

  it('refuses a data dir held by another live Node process', async () => {
    const dataDir = await dir();
    const other = running(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    await writeFile(join(dataDir, 'snowline-up.pid'), `${other.pid}\n`);
    const error = await DataDirLock.acquire(dataDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect((error as DataDirInUseError).pid).toBe(other.pid);
  });

  it('takes over a pid file whose process is gone, or is no longer Node', async () => {
    const dataDir = await dir();
    await writeFile(join(dataDir, 'snowline-up.pid'), '999999\n');
    await (await DataDirLock.acquire(dataDir)).release();
    const sleeper = running('sleep', ['30']);
    await writeFile(join(dataDir, 'snowline-up.pid'), `${sleeper.pid}\n`);
    const lock = await DataDirLock.acquire(dataDir);
    expect(await readFile(join(dataDir, 'snowline-up.pid'), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });
});
