// Reads a .zip (a .vsix is one) with node:zlib, so the packaging test needs no `unzip` binary.
// Handles what vsce writes: stored or deflated entries, no ZIP64, no encryption.
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** Entry name → contents; directories (names ending in `/`) are skipped. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let header = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(header) !== CENTRAL_DIRECTORY_HEADER) throw new Error(`bad central directory header at ${header}`);
    const method = zip.readUInt16LE(header + 10);
    const compressedSize = zip.readUInt32LE(header + 20);
    const nameLength = zip.readUInt16LE(header + 28);
    const extraLength = zip.readUInt16LE(header + 30);
    const commentLength = zip.readUInt16LE(header + 32);
    const localHeader = zip.readUInt32LE(header + 42);
    const name = zip.toString('utf8', header + 46, header + 46 + nameLength);
    header += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;

    if (zip.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER) throw new Error(`bad local header for ${name}`);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) entries.set(name, Buffer.from(data));
    else if (method === 8) entries.set(name, inflateRawSync(data));
    else throw new Error(`${name}: unsupported compression method ${method}`);
  }
  return entries;
}
