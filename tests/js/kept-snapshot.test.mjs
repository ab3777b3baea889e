// node --test: the kept snapshot's layout (kept-snapshot.mjs): only non-zero blocks are stored,
// and unpacking gives back every byte of the memory, or refuses.
import assert from "node:assert/strict";
import { test } from "node:test";

import { BLOCK, pack, unpack } from "../../build_tools/theme/assets/javascripts/guide/kept-snapshot.mjs";

// A memory of `blocks` blocks plus `tail` bytes, non-zero where `filled(block)` says.
function memory(blocks, tail, filled) {
  const bytes = new Uint8Array(blocks * BLOCK + tail);
  for (let b = 0; b <= blocks; b++) {
    if (!filled(b)) continue;
    const start = b * BLOCK;
    const end = Math.min(start + BLOCK, bytes.length);
    for (let i = start; i < end; i += 97) bytes[i] = (b * 31 + i) % 255 || 1;
  }
  return bytes;
}

const HEADER = 4;

test("zero blocks are left out and come back as zeros", () => {
  const original = memory(64, 0, (b) => b % 3 === 0);
  const packed = pack(original);
  const stored = 22; // blocks 0, 3, ... 63
  assert.equal(packed.length, HEADER + 64 / 8 + stored * BLOCK);
  assert.deepEqual(unpack(packed), original);
});

test("a memory with no zero block, and one that is all zeros", () => {
  const full = memory(16, 0, () => true);
  assert.equal(pack(full).length, HEADER + 2 + full.length);
  assert.deepEqual(unpack(pack(full)), full);
  const empty = new Uint8Array(16 * BLOCK);
  assert.equal(pack(empty).length, HEADER + 2);
  assert.deepEqual(unpack(pack(empty)), empty);
});

test("a last block shorter than the others (Pyodide's snapshot ends in 144 bytes)", () => {
  for (const filled of [() => true, (b) => b === 10, (b) => b === 9]) {
    const original = memory(10, 144, filled);
    assert.deepEqual(unpack(pack(original)), original);
  }
});

test("a single non-zero byte keeps its block, wherever the byte is", () => {
  for (const at of [0, 1, BLOCK - 1, BLOCK, 5 * BLOCK + 7, 8 * BLOCK - 1]) {
    const original = new Uint8Array(8 * BLOCK);
    original[at] = 0xff;
    const packed = pack(original);
    assert.equal(packed.length, HEADER + 1 + BLOCK, `byte at ${at}`);
    assert.deepEqual(unpack(packed), original);
  }
});

test("a view into a larger buffer packs like a copy of it", () => {
  const original = memory(12, 0, (b) => b % 2 === 1);
  const padded = new Uint8Array(original.length + 3);
  padded.set(original, 3);
  assert.deepEqual(pack(padded.subarray(3)), pack(original));
});

test("a truncated or padded copy is refused, never restored", () => {
  const packed = pack(memory(12, 0, (b) => b % 2 === 0));
  assert.throws(() => unpack(packed.subarray(0, packed.length - 1)), /truncated/);
  const longer = new Uint8Array(packed.length + 1);
  longer.set(packed);
  assert.throws(() => unpack(longer), /does not match/);
  assert.throws(() => unpack(new Uint8Array(2)), /too short/);
});
