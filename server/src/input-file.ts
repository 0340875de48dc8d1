// Reading a file a person named (an export for `nabiz audit` or `nabiz emulator --load`, NABIZ_PEOPLE=@file): only a
// regular file, and never more than a cap. A device (/dev/zero, /dev/urandom), a named pipe or a socket would
// otherwise keep readFileSync reading (or waiting) forever; a huge file would exhaust memory. One clear line instead.
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { errorMessage, errorCode } from './errors.js';

/** A Trello board export holds at most 1000 actions; even a 50,000-card board stays far below this. */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

export class InputFileError extends Error {
  override name = 'InputFileError';
}

const mb = (n: number) => (n < 1024 * 1024 ? `${n} bytes` : `${Math.round((n / 1024 / 1024) * 10) / 10} MB`);

/**
 * The UTF-8 text of `path`, refused with an InputFileError (one line, naming the file) when it does not exist, is a
 * folder, is not a regular file, or holds more than `maxBytes`.
 * @example readInputFile('pano.json', MAX_EXPORT_BYTES)
 */
export function readInputFile(path: string, maxBytes: number): string {
  // stat before open: opening a named pipe for reading blocks until a writer comes.
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const code = errorCode(e);
    throw new InputFileError(code === 'ENOENT' ? `${path} does not exist` : `cannot read ${path} (${code ?? errorMessage(e)})`);
  }
  if (st.isDirectory()) throw new InputFileError(`${path} is a folder, not a file`);
  if (!st.isFile()) throw new InputFileError(`${path} is not a regular file (a device, pipe or socket); save it to a file first`);
  if (st.size > maxBytes) throw new InputFileError(`${path} is ${mb(st.size)}, more than the ${mb(maxBytes)} this reads`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputFileError(`cannot read ${path} (${errorCode(e) ?? errorMessage(e)})`);
  }
  try {
    // The file may have been swapped or may grow while read: check again, and read at most one byte past the cap.
    if (!fstatSync(fd).isFile()) throw new InputFileError(`${path} is not a regular file (a device, pipe or socket); save it to a file first`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new InputFileError(`${path} holds more than the ${mb(maxBytes)} this reads`);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(`cannot read ${path} (${errorCode(e) ?? errorMessage(e)})`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Why an existing `path` cannot be read as a file (a folder, a device, a pipe or a socket), or null when it is a regular
 * file or does not exist (the caller says what a missing file means). For inputs read as a stream, where no cap applies.
 */
export function notRegularFile(path: string): string | null {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return `${path} is a folder, not a file`;
    return st.isFile() ? null : `${path} is not a regular file (a device, pipe or socket); save it to a file first`;
  } catch {
    return null;
  }
}
