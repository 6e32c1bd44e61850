/**
 * Files as a hostile user hands them to the command line (README: The command line and your files):
 * - every path is checked before anything is read: an output may not be the input or another
 *   output (same file after symlinks, or the same device and inode: hard links too), must be a
 *   regular file (or not exist yet) in a folder CDM may write to;
 * - only regular files are read (a named pipe or /dev/zero would hang), or standard input
 *   when the path is `-`;
 * - outputs are written all or nothing: each to a temporary file beside its target, then all
 *   renamed; on any failure every temporary file is removed and nothing has changed;
 * - every failure is one plain sentence (UserError), never a raw `ENOENT … .tmp`.
 */
import {
  closeSync, constants, fchmodSync, fstatSync, fsyncSync, lstatSync, openSync, readSync, realpathSync,
  renameSync, statSync, unlinkSync, writeSync, accessSync, type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A problem the user can fix: printed as is, no stack trace. */
export class UserError extends Error {
  constructor(message: string, readonly code = 1) {
    super(message);
  }
}

/** `-` stands for standard input (as the input) or standard output (as an output). */
export const STDIO = '-';

/** The largest file CDM reads (a pipe that never ends must not eat the machine's memory). */
export const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

const errno = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? '';

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Where a path really leads: the same string for two names of one file, when it exists. */
interface FileIdentity {
  /** Absolute path with symlinks resolved (of the folder, when the file does not exist yet). */
  real: string;
  /** Device and inode of an existing file: equal for hard links. */
  dev?: number;
  ino?: number;
}

function identify(path: string): FileIdentity {
  const abs = resolve(path);
  try {
    const s = statSync(abs);
    let real = abs;
    try { real = realpathSync(abs); } catch { /* stat worked: keep the absolute path */ }
    return { real, dev: s.dev, ino: s.ino };
  } catch {
    let folder = dirname(abs);
    try { folder = realpathSync(folder); } catch { /* reported by checkOutput */ }
    return { real: join(folder, basename(abs)) };
  }
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  if (a.ino !== undefined && b.ino !== undefined) return a.dev === b.dev && a.ino === b.ino;
  return a.real === b.real;
}

export interface NamedPath {
  /** How the user gave it: the input file, --out, --report … */
  role: string;
  path: string;
}

/**
 * Refuses, before anything is read, outputs that would land on an input or on each other.
 * `-` outputs (standard output) collide only with each other.
 */
export function checkCollisions(inputs: NamedPath[], outputs: NamedPath[]): void {
  const ids = new Map<NamedPath, FileIdentity>();
  const idOf = (p: NamedPath) => {
    let id = ids.get(p);
    if (!id) { id = identify(p.path); ids.set(p, id); }
    return id;
  };
  for (const out of outputs) {
    if (out.path === STDIO) continue;
    for (const input of inputs) {
      if (input.path === STDIO) continue;
      if (sameFile(idOf(out), idOf(input))) {
        throw new UserError(`${out.role} ${out.path} is your ${input.role} ${input.path}${idOf(out).real !== resolve(out.path) || out.path !== input.path ? ' (the same file under another name)' : ''}: CDM never writes over the file it reads. Give another file name.`, 2);
      }
    }
  }
  for (let i = 0; i < outputs.length; i++) {
    for (let j = i + 1; j < outputs.length; j++) {
      const a = outputs[i];
      const b = outputs[j];
      const clash = a.path === STDIO || b.path === STDIO ? a.path === b.path : sameFile(idOf(a), idOf(b));
      if (clash) throw new UserError(`${a.role} and ${b.role} both point to ${b.path === STDIO ? 'standard output (-)' : b.path}: give each its own file.`, 2);
    }
  }
}

/** The file a write to `path` really replaces: a symlink's target, so the link itself stays. */
function writeTarget(path: string): string {
  const abs = resolve(path);
  let link: Stats | null = null;
  try { link = lstatSync(abs); } catch { return abs; }
  if (!link.isSymbolicLink()) return abs;
  try {
    return realpathSync(abs);
  } catch {
    throw new UserError(`${path} is a link to a file that does not exist, so CDM will not write through it. Give a plain file name.`, 2);
  }
}

/** Refuses an output that cannot be written, in plain words, before any work is done. */
export function checkOutput(out: NamedPath): void {
  if (out.path === STDIO) return;
  if (out.path.trim() === '') throw new UserError(`${out.role} needs a file name.`, 2);
  if (/[\\/]$/.test(out.path)) throw new UserError(`${out.role} ${out.path} names a folder; give a file name to write to.`, 2);
  const target = writeTarget(out.path);
  const folder = dirname(target);
  let folderStat: Stats;
  try {
    folderStat = statSync(folder);
  } catch (e) {
    if (errno(e) === 'ENOTDIR') throw new UserError(`${out.path} cannot be written: part of its path is a file, not a folder.`, 2);
    throw new UserError(`The folder ${folder} does not exist, so ${basename(out.path)} cannot be written there.`, 2);
  }
  if (!folderStat.isDirectory()) throw new UserError(`${out.path} cannot be written: ${folder} is a file, not a folder.`, 2);
  let existing: Stats | null = null;
  try { existing = statSync(target); } catch { /* a new file */ }
  if (existing) {
    if (existing.isDirectory()) throw new UserError(`${out.path} is a folder; give a file name to write to.`, 2);
    if (!existing.isFile()) throw new UserError(`${out.path} is ${kindOf(existing)}, not a file: CDM writes its results to ordinary files only.`, 2);
    try { accessSync(target, constants.W_OK); } catch { throw new UserError(`${out.path} is read-only, so CDM will not replace it. Make it writable or give another file name.`, 2); }
  }
  try { accessSync(folder, constants.W_OK); } catch { throw new UserError(`I am not allowed to write in the folder ${folder}, so ${basename(out.path)} cannot be written.`, 2); }
  // Permissions do not tell everything (a read-only disk, /proc, root's view of a locked
  // folder): a real file is created and removed again, before any work is done.
  const probe = join(folder, `.${basename(target)}.${process.pid}.probe`);
  try {
    closeSync(openSync(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600));
    unlinkSync(probe);
  } catch (e) {
    try { unlinkSync(probe); } catch { /* never created */ }
    throw new UserError(`${basename(out.path)} cannot be written in ${folder} (${plainReason(e)}). Give a file in a folder you can write to.`, 2);
  }
}

function plainReason(e: unknown): string {
  switch (errno(e)) {
    case 'EACCES': case 'EPERM': return 'not allowed';
    case 'EROFS': return 'the disk is read-only';
    case 'ENOSPC': case 'EDQUOT': return 'the disk is full';
    case 'ENOENT': return 'the folder cannot hold new files';
    case 'ENAMETOOLONG': return 'the name is too long';
    default: return errno(e) || 'it refused';
  }
}

/**
 * Every byte of an open input. `fromStart`: a regular file is read from its first byte whatever
 * was read from it before (the streaming reader's fallback); a pipe is read from where it is.
 */
export function readFd(fd: number, name: string, fromStart = false): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, fromStart ? total : null);
    } catch (e) {
      // A non-blocking pipe with nothing yet: wait a moment and try again.
      if (errno(e) === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); continue; }
      if (errno(e) === 'EISDIR') throw new UserError(`${name} is a folder, not a CSV file.`);
      throw new UserError(`${name} could not be read (${errno(e) || String(e)}).`);
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_INPUT_BYTES) throw new UserError(`${name} is larger than ${MAX_INPUT_BYTES / 1024 / 1024 / 1024} GB, more than CDM reads at once. Split it into smaller files.`);
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  const all = Buffer.concat(chunks, total);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

/**
 * The bytes of the input: a regular file (symlinks followed), or standard input for `-`.
 * Opened without blocking and checked on the open file, so a named pipe or a device is refused
 * instead of hanging, and nothing can swap the file between the check and the read.
 */
export function readInput(path: string): Uint8Array {
  const input = openInput(path);
  try {
    return readFd(input.fd, input.name);
  } finally {
    input.close();
  }
}

/** An input opened and checked as readInput does (see there), for a reader that reads it itself. */
export interface OpenInput {
  fd: number;
  /** As the messages name it: the file's name, or "Standard input". */
  name: string;
  /** A regular file (not standard input): it can be read again from its start. */
  file: boolean;
  size: number;
  close(): void;
}

export function openInput(path: string): OpenInput {
  if (path === STDIO) {
    if (process.stdin.isTTY) throw new UserError('Nothing is piped in: give a CSV file, or pipe one in (cdm clean - --out OUT.csv < customers.csv).', 2);
    const s = fstatSync(0);
    if (s.isCharacterDevice() || s.isBlockDevice()) throw new UserError('Standard input is a device, not a CSV file: pipe a file in (cdm clean - --out OUT.csv < customers.csv).', 2);
    return { fd: 0, name: 'Standard input', file: false, size: -1, close() { /* not ours to close */ } };
  }
  const name = basename(path);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = errno(e);
    if (code === 'ENOENT') throw new UserError(`The file ${name} was not found (looked in ${dirname(resolve(path))}).`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`I am not allowed to read ${name}: check the file's permissions.`);
    if (code === 'ENOTDIR') throw new UserError(`The file ${path} was not found: part of its path is a file, not a folder.`);
    if (code === 'ELOOP') throw new UserError(`${name} is a link that points to itself.`);
    if (code === 'ENXIO') throw new UserError(`${name} is not a regular file: CDM reads CSV files saved on disk.`);
    throw new UserError(`${name} could not be opened (${code || String(e)}).`);
  }
  try {
    const s = fstatSync(fd);
    if (s.isDirectory()) throw new UserError(`${name} is a folder, not a CSV file.`);
    if (!s.isFile()) throw new UserError(`${name} is ${kindOf(s)}, not a CSV file saved on disk, so CDM does not read it. Save the data to a file and give that.`);
    if (s.size > MAX_INPUT_BYTES) throw new UserError(`${name} is larger than ${MAX_INPUT_BYTES / 1024 / 1024 / 1024} GB, more than CDM reads at once. Split it into smaller files.`);
    return { fd, name, file: true, size: s.size, close() { closeSync(fd); } };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

export interface OutputFile {
  path: string;
  /** The whole text, or its pieces in order (written one by one: a big output is never one string). */
  text: string | Iterable<string>;
}

function writeText(fd: number, text: string | Iterable<string>): void {
  if (typeof text === 'string') { writeAll(fd, Buffer.from(text, 'utf8')); return; }
  for (const piece of text) writeAll(fd, Buffer.from(piece, 'utf8'));
}

function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(fd, data, off, data.length - off);
    } catch (e) {
      if (errno(e) === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); continue; }
      throw e;
    }
  }
}

function writeFailure(e: unknown, path: string): UserError {
  const name = path === STDIO ? 'standard output' : basename(path);
  const folder = path === STDIO ? '' : dirname(resolve(path));
  switch (errno(e)) {
    case 'EACCES': case 'EPERM': case 'EROFS':
      return new UserError(`I am not allowed to write ${name}${folder ? ` in ${folder}` : ''}. Nothing was written.`);
    case 'ENOSPC': case 'EDQUOT': case 'EFBIG':
      return new UserError(`There is no room left on the disk for ${name}. Nothing was written.`);
    case 'ENOENT': case 'ENOTDIR':
      return new UserError(`The folder for ${name} is gone (${folder}). Nothing was written.`);
    case 'ENAMETOOLONG':
      return new UserError(`The file name ${name} is too long for this disk. Nothing was written.`);
    case 'EPIPE':
      return new UserError('The program reading CDM\'s output stopped before the end. Nothing more was written.');
    case 'EISDIR':
      return new UserError(`${name} is a folder; give a file name to write to. Nothing was written.`);
    default:
      return new UserError(`${name} could not be written (${errno(e) || (e instanceof Error ? e.message : String(e))}). Nothing was written.`);
  }
}

/**
 * Writes every file or none: each goes to a new temporary file beside its target (the
 * target's permissions kept), flushed to disk; standard output (`-`) is written next; only
 * then are the temporary files renamed over their targets. On any failure the temporary files
 * are removed and the targets are as they were.
 */
export function writeOutputs(files: OutputFile[]): void {
  const staged: Array<{ temp: string; target: string }> = [];
  const cleanUp = () => { for (const s of staged) { try { unlinkSync(s.temp); } catch { /* already gone */ } } };
  let current = '';
  try {
    for (const f of files) {
      if (f.path === STDIO) continue;
      current = f.path;
      const target = writeTarget(f.path);
      const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
      const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
      staged.push({ temp, target });
      try {
        try { fchmodSync(fd, statSync(target).mode & 0o7777); } catch { /* a new file keeps the default */ }
        writeText(fd, f.text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const f of files) {
      if (f.path !== STDIO) continue;
      current = STDIO;
      writeText(1, f.text);
    }
    for (const s of staged) {
      current = s.target;
      renameSync(s.temp, s.target);
    }
  } catch (e) {
    cleanUp();
    if (e instanceof UserError) throw e;
    throw writeFailure(e, current);
  }
}
