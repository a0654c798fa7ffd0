/**
 * Writes a dumped PGlite data dir (a tar, gzipped or not, as `dumpDataDir` makes it) straight to
 * a directory with Node's own file system calls. PGlite's `loadDataDir` does the same through
 * its WebAssembly file system, one emulated call at a time: seconds of CPU for the ~40 MB of a
 * fresh database, against tens of milliseconds here. Node only.
 */

import { nodeBuiltin } from './node-builtin.js';

type NodeFs = typeof import('node:fs');
type NodeZlib = typeof import('node:zlib');
type NodeUtil = typeof import('node:util');
type NodeBuffer = typeof import('node:buffer');

const builtin = <T>(id: string): T => nodeBuiltin<T>(id, 'Extracting a PGlite data dir');

const BLOCK = 512;
/** PostgreSQL's page size: relation files and WAL segments end in whole pages of zeros. */
const PAGE = 8192;
const ZERO_PAGE = new Uint8Array(PAGE);

/** The file PostgreSQL (and `isEmptyDataDir`) take as "a database is here": written last. */
const MARKER = 'PG_VERSION';

interface Entry {
  name: string;
  mode: number;
  directory: boolean;
  data: Uint8Array;
}

const utf8 = new TextDecoder();

function text(bytes: Uint8Array, start: number, length: number): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return utf8.decode(end === -1 ? field : field.subarray(0, end));
}

function octal(bytes: Uint8Array, start: number, length: number): number {
  const value = text(bytes, start, length).trim();
  return value ? parseInt(value, 8) : 0;
}

/** The entries of a ustar archive (what PGlite's dump writes: regular files and directories). */
function* entries(tar: Uint8Array): Generator<Entry> {
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    // The archive ends with blocks of zeros: a header without a name.
    if (header[0] === 0) return;
    const prefix = text(header, 257, 5) === 'ustar' ? text(header, 345, 155) : '';
    const name = prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    const data = tar.subarray(at + BLOCK, at + BLOCK + size);
    if (data.length !== size) throw new Error(`The data dir archive is truncated at ${name}`);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type !== '0' && type !== '5') throw new Error(`The data dir archive holds an unsupported entry (${name}, type ${type})`);
    yield { name, mode: octal(header, 100, 8) & 0o7777, directory: type === '5', data };
  }
}

/** A relative path inside the data dir; an archive naming anything outside it is refused. */
function inside(name: string): string {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..')) throw new Error(`The data dir archive names a path outside the data dir: ${name}`);
  return parts.join('/');
}

/** How many bytes to write: trailing pages of zeros are left to `truncate`, which reads back as zeros. */
function written(data: Uint8Array, compare: NodeBuffer['Buffer']['compare']): number {
  let end = data.length;
  while (end >= PAGE && end % PAGE === 0 && compare(data.subarray(end - PAGE, end), ZERO_PAGE) === 0) end -= PAGE;
  return end;
}

/**
 * Extracts `archive` into `dataDir`, which must hold no database yet. `PG_VERSION` is written
 * last, so a start interrupted half way leaves a directory that still counts as empty and is
 * extracted again (over the partial files) next time, never a half database that PGlite opens.
 */
export async function extractDataDir(archive: Blob, dataDir: string): Promise<void> {
  const fs = builtin<NodeFs>('node:fs');
  const { gunzip } = builtin<NodeZlib>('node:zlib');
  const { promisify } = builtin<NodeUtil>('node:util');
  const { compare } = builtin<NodeBuffer>('node:buffer').Buffer;
  let tar = new Uint8Array(await archive.arrayBuffer());
  if (tar[0] === 0x1f && tar[1] === 0x8b) {
    // One output buffer of the size gzip records in its last 4 bytes (mod 2^32: a hint only),
    // not dozens of small ones copied together afterwards: half the CPU of unpacking.
    const size = new DataView(tar.buffer, tar.byteOffset + tar.length - 4, 4).getUint32(0, true);
    tar = new Uint8Array(await promisify(gunzip)(tar, { chunkSize: Math.min(Math.max(1 << 16, size), 1 << 28) }));
  }
  const root = dataDir.replace(/^file:\/\//, '').replace(/\/+$/, '');
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  let marker: Entry | undefined;
  const write = (path: string, entry: Entry) => {
    const keep = written(entry.data, compare);
    fs.writeFileSync(path, entry.data.subarray(0, keep), { mode: entry.mode || 0o600 });
    if (keep < entry.data.length) fs.truncateSync(path, entry.data.length);
  };
  for (const entry of entries(tar)) {
    const path = `${root}/${inside(entry.name)}`;
    if (entry.directory) {
      fs.mkdirSync(path, { recursive: true, mode: entry.mode || 0o700 });
    } else if (inside(entry.name) === MARKER) {
      marker = entry;
    } else {
      fs.mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true, mode: 0o700 });
      write(path, entry);
    }
  }
  if (!marker) throw new Error(`The data dir archive holds no ${MARKER}: it is not a PostgreSQL data dir`);
  write(`${root}/${MARKER}`, marker);
}
