// The memory snapshot's kept copy (worker.mjs): after a first visit decompressed it, a copy in
// the origin's private file system spares later visits the download and the gunzip. The worker
// reads it with a synchronous access handle, the fastest read a page has (Cache Storage took
// 200-350 ms for the same bytes, on a repeat visit's critical path). Most of Pyodide's memory is
// zeros (18 of its 31 MB, in 4 KiB blocks), so the copy holds only the blocks that are not.
//
// Layout: total length (uint32, little-endian), then one bit per block (set: the block is
// stored; the lowest bit of the first byte is block 0), then the stored blocks in order. The
// last block may be shorter than BLOCK. pack and unpack are pure (tests/js/kept-snapshot.test.mjs);
// readKept, keep and forget touch the file system.

export const BLOCK = 4096;
// One directory, one file: the snapshot's content-hashed name (runtime.json) with this suffix.
const DIRECTORY = "calculator-snapshot";
const SUFFIX = ".kept";
const PARTIAL = ".partial";
// Where a page of an earlier build kept the whole memory: emptied when a copy is kept here.
const OLD_CACHE = "calculator-snapshot";

function isZero(bytes, start, end) {
  // Eight bytes at a time where the view allows it.
  if (start % 8 === 0 && (bytes.byteOffset + start) % 8 === 0) {
    const whole = start + Math.floor((end - start) / 8) * 8;
    const words = new BigUint64Array(bytes.buffer, bytes.byteOffset + start, (whole - start) / 8);
    for (let i = 0; i < words.length; i++) if (words[i] !== 0n) return false;
    start = whole;
  }
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

// `memory` (Uint8Array) without its zero blocks.
export function pack(memory) {
  const total = memory.length;
  const blocks = Math.ceil(total / BLOCK);
  const map = new Uint8Array(Math.ceil(blocks / 8));
  const stored = []; // [start, end) of each block kept
  for (let b = 0; b < blocks; b++) {
    const start = b * BLOCK;
    const end = Math.min(start + BLOCK, total);
    if (isZero(memory, start, end)) continue;
    map[b >> 3] |= 1 << (b & 7);
    stored.push([start, end]);
  }
  const size = stored.reduce((sum, [start, end]) => sum + end - start, 0);
  const out = new Uint8Array(4 + map.length + size);
  new DataView(out.buffer).setUint32(0, total, true);
  out.set(map, 4);
  let at = 4 + map.length;
  for (const [start, end] of stored) {
    out.set(memory.subarray(start, end), at);
    at += end - start;
  }
  return out;
}

// The memory `pack` was given. A copy that does not add up (truncated, another layout) throws:
// the worker then starts without it.
export function unpack(packed) {
  if (packed.length < 4) throw new Error("kept snapshot: too short");
  const total = new DataView(packed.buffer, packed.byteOffset, packed.length).getUint32(0, true);
  const blocks = Math.ceil(total / BLOCK);
  const mapStart = 4;
  const dataStart = mapStart + Math.ceil(blocks / 8);
  const has = (b) => (packed[mapStart + (b >> 3)] & (1 << (b & 7))) !== 0;
  const memory = new Uint8Array(total);
  let at = dataStart;
  // One copy per run of stored blocks.
  for (let b = 0; b < blocks; ) {
    if (!has(b)) {
      b++;
      continue;
    }
    let end = b;
    while (end < blocks && has(end)) end++;
    const from = b * BLOCK;
    const to = Math.min(end * BLOCK, total);
    if (at + (to - from) > packed.length) throw new Error("kept snapshot: truncated");
    memory.set(packed.subarray(at, at + (to - from)), from);
    at += to - from;
    b = end;
  }
  if (at !== packed.length) throw new Error("kept snapshot: size does not match its block map");
  return memory;
}

async function directory(create) {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(DIRECTORY, { create });
}

// Whether this browser can keep a copy (not in every private mode, nor in older browsers).
export const canKeep = () => Boolean(self.navigator.storage && self.navigator.storage.getDirectory);

// The file's bytes, or null when another tab holds it and it cannot be read now.
async function readAll(handle) {
  let access;
  try {
    access = await handle.createSyncAccessHandle();
  } catch {
    // Another tab holds the file (reading or writing it): read it the slower way, if at all.
    try {
      return new Uint8Array(await (await handle.getFile()).arrayBuffer());
    } catch {
      return null;
    }
  }
  try {
    const bytes = new Uint8Array(access.getSize());
    access.read(bytes, { at: 0 });
    return bytes;
  } finally {
    access.close();
  }
}

// The kept copy as {name, bytes} (the memory), or null when there is none. Read before
// runtime.json names this build's snapshot: the caller compares the names. A copy that does not
// unpack rejects (the worker then starts plainly and forgets it).
export async function readKept() {
  if (!canKeep()) return null;
  let dir;
  try {
    dir = await directory(false);
  } catch {
    return null; // never kept, or storage unavailable
  }
  for await (const [name, handle] of dir.entries()) {
    if (handle.kind !== "file" || !name.endsWith(SUFFIX)) continue;
    const packed = await readAll(handle);
    return packed && { name: name.slice(0, -SUFFIX.length), bytes: unpack(packed) };
  }
  return null;
}

// Keeps `memory` as the copy of snapshot `name`, in place of any other. Written under a
// temporary name and renamed when whole: a visit cut short leaves no half copy to read.
export async function keep(name, memory) {
  const dir = await directory(true);
  const others = [];
  for await (const entry of dir.keys()) if (entry !== name + SUFFIX) others.push(entry);
  for (const entry of others) await dir.removeEntry(entry);
  const handle = await dir.getFileHandle(name + PARTIAL, { create: true });
  const access = await handle.createSyncAccessHandle();
  try {
    access.truncate(0);
    access.write(pack(memory), { at: 0 });
    access.flush();
  } finally {
    access.close();
  }
  await handle.move(name + SUFFIX);
  if ("caches" in self) await caches.delete(OLD_CACHE);
}

// Removes the kept copy (it did not start Python).
export async function forget() {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(DIRECTORY, { recursive: true });
}
