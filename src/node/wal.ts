/**
 * Append-only write-ahead log with length + checksum framing.
 *
 * File layout:
 *   header  16 bytes  "DDVSWAL\0" (8) | format version u32 LE | reserved u32 (0)
 *   record  8 + N     payload length u32 LE | crc32(payload) u32 LE | payload (UTF-8 JSON)
 *
 * A record counts only when its whole frame is present and its checksum matches.
 * Reading stops at the first frame that is short or does not verify; everything from
 * there on is a torn tail (a write that never completed its fsync) and is cut off
 * before new records are appended. Records are acknowledged to clients only after
 * the fsync that covers them, so a torn tail never holds an acknowledged record.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

export const WAL_MAGIC = Buffer.from("DDVSWAL\0", "latin1");
export const WAL_HEADER_SIZE = 16;
const FRAME_HEADER_SIZE = 8;
/** No single record may exceed this (an account with a huge state is still far below). */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;

/** CRC-32 (IEEE), from zlib when this Node has it (>= 20.15), otherwise a table. */
export const crc32: (data: Buffer) => number = (() => {
  const native = (zlib as unknown as { crc32?: (d: Buffer) => number }).crc32;
  if (typeof native === "function") return (d: Buffer) => native(d) >>> 0;
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return (d: Buffer) => {
    let c = 0xffffffff;
    for (let i = 0; i < d.length; i++) c = table[(c ^ d[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
})();

export class WalFormatError extends Error {}

export function walHeader(version: number): Buffer {
  const b = Buffer.alloc(WAL_HEADER_SIZE);
  WAL_MAGIC.copy(b, 0);
  b.writeUInt32LE(version, 8);
  return b;
}

/** Frames one JSON payload. */
export function frame(payload: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(payload), "utf8");
  const head = Buffer.alloc(FRAME_HEADER_SIZE);
  head.writeUInt32LE(body.length, 0);
  head.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([head, body]);
}

export type WalReadResult<T> = {
  version: number;
  records: T[];
  /** Byte length of the verified prefix (header + whole records). */
  validLength: number;
  /** Bytes after the verified prefix (a torn tail), 0 when the file ended cleanly. */
  tornBytes: number;
};

/**
 * Reads a WAL file. Throws WalFormatError when the header is not ours or the version is
 * newer than `maxVersion`: such a file is never truncated or overwritten.
 */
export function readWal<T>(file: string, maxVersion: number): WalReadResult<T> {
  const buf = fs.readFileSync(file);
  if (buf.length < WAL_HEADER_SIZE || !buf.subarray(0, 8).equals(WAL_MAGIC)) {
    throw new WalFormatError(`${file} is not a ddvs node log (bad header)`);
  }
  const version = buf.readUInt32LE(8);
  if (version > maxVersion) {
    throw new WalFormatError(
      `${file} has log format version ${version}, newer than this ddvs node supports (${maxVersion})`,
    );
  }
  const records: T[] = [];
  let pos = WAL_HEADER_SIZE;
  while (pos + FRAME_HEADER_SIZE <= buf.length) {
    const len = buf.readUInt32LE(pos);
    const sum = buf.readUInt32LE(pos + 4);
    const end = pos + FRAME_HEADER_SIZE + len;
    if (len > MAX_RECORD_BYTES || end > buf.length) break;
    const body = buf.subarray(pos + FRAME_HEADER_SIZE, end);
    if (crc32(body) !== sum) break;
    let parsed: T;
    try {
      parsed = JSON.parse(body.toString("utf8")) as T;
    } catch {
      break;
    }
    records.push(parsed);
    pos = end;
  }
  return { version, records, validLength: pos, tornBytes: buf.length - pos };
}

/** An open log positioned at its end, appending whole batches durably. */
export class WalWriter {
  private constructor(
    private readonly fd: number,
    private size: number,
  ) {}

  /** Opens an existing, already verified log and cuts it to `validLength`. */
  static open(file: string, validLength: number): WalWriter {
    const fd = fs.openSync(file, "r+");
    const size = fs.fstatSync(fd).size;
    if (size !== validLength) {
      fs.ftruncateSync(fd, validLength);
      fs.fsyncSync(fd);
    }
    return new WalWriter(fd, validLength);
  }

  get bytes(): number {
    return this.size;
  }

  /** Appends the frames and returns once they are on disk (fdatasync). */
  async append(frames: Buffer[]): Promise<void> {
    if (frames.length === 0) return;
    const data = frames.length === 1 ? frames[0] : Buffer.concat(frames);
    let off = 0;
    while (off < data.length) {
      const { bytesWritten } = await writeAsync(this.fd, data, off, data.length - off, this.size + off);
      off += bytesWritten;
    }
    await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, e => (e ? reject(e) : resolve())));
    this.size += data.length;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function writeAsync(fd: number, buf: Buffer, off: number, len: number, pos: number) {
  return new Promise<{ bytesWritten: number }>((resolve, reject) =>
    fs.write(fd, buf, off, len, pos, (e, bytesWritten) => (e ? reject(e) : resolve({ bytesWritten }))),
  );
}

/**
 * Writes `data` to `path` atomically: a temporary file in the same folder is written and
 * fsynced, renamed over `path`, then the folder itself is fsynced so the rename survives.
 */
export function writeFileAtomic(file: string, data: Buffer | string): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off, off);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // some filesystems refuse fsync on directories; the rename is still atomic
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
