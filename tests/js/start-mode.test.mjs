// node --test: how the worker chooses between the memory snapshot and the plain start.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  FIRST_BYTE_MS,
  PROBE_MS,
  SNAPSHOT_BUDGET_MS,
  firstChoice,
  probeChoice,
} from "../../build_tools/theme/assets/javascripts/guide/start-mode.mjs";

const SNAPSHOT = 5_300_000;

test("a snapshot the cache already holds is used without asking the link", () => {
  assert.equal(firstChoice({ kept: true }), "snapshot");
  assert.equal(firstChoice({ kept: true, saveData: true, effectiveType: "2g" }), "snapshot");
});

test("data saver and links the browser calls slow start plainly, with no snapshot download", () => {
  assert.equal(firstChoice({ saveData: true }), "plain");
  for (const effectiveType of ["slow-2g", "2g", "3g"]) {
    assert.equal(firstChoice({ effectiveType }), "plain", effectiveType);
  }
});

test("a '4g' estimate or no estimate at all is judged by the download itself", () => {
  assert.equal(firstChoice({ effectiveType: "4g" }), "probe");
  assert.equal(firstChoice({}), "probe");
  assert.equal(firstChoice(), "probe");
});

test("a snapshot that arrived within the probe is used", () => {
  assert.equal(probeChoice({ receivedBytes: SNAPSHOT, elapsedMs: 40, totalBytes: SNAPSHOT }), "snapshot");
});

test("a 4G phone (10 Mbit/s shared with the wasm) starts plainly", () => {
  // 10 Mbit/s = 1,250 bytes/ms, about half of it for the snapshot while the wasm downloads.
  const receivedBytes = 625 * PROBE_MS;
  assert.equal(probeChoice({ receivedBytes, elapsedMs: PROBE_MS, totalBytes: SNAPSHOT }), "plain");
});

test("a fast link keeps the snapshot when the rest arrives within the budget", () => {
  // 200 Mbit/s, a third of it for the snapshot: 8,333 bytes/ms.
  const receivedBytes = 8_333 * PROBE_MS;
  const rest = (SNAPSHOT - receivedBytes) / 8_333;
  assert.ok(rest <= SNAPSHOT_BUDGET_MS);
  assert.equal(probeChoice({ receivedBytes, elapsedMs: PROBE_MS, totalBytes: SNAPSHOT }), "snapshot");
});

test("the budget is the line: just within keeps, just beyond cancels", () => {
  const rate = 2_000; // bytes per ms
  const within = SNAPSHOT - rate * SNAPSHOT_BUDGET_MS;
  assert.equal(probeChoice({ receivedBytes: within, elapsedMs: within / rate, totalBytes: SNAPSHOT }), "snapshot");
  const beyond = within - rate * 10;
  assert.equal(probeChoice({ receivedBytes: beyond, elapsedMs: beyond / rate, totalBytes: SNAPSHOT }), "plain");
});

test("the first byte's wait is bounded and the probe is short beside it", () => {
  assert.ok(FIRST_BYTE_MS >= 3 * PROBE_MS);
});

test("nothing received yet (a service worker still checking the file) starts plainly", () => {
  assert.equal(probeChoice({ receivedBytes: 0, elapsedMs: PROBE_MS, totalBytes: SNAPSHOT }), "plain");
});
