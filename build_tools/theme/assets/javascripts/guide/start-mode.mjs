// How the worker starts Python: from the memory snapshot (restoring it skips Python's start-up
// and every import, but it is a 5 MB download) or plainly (the calculator is in the trimmed
// standard library: Python starts and imports it, seconds of CPU on a phone). Pure
// functions of what the cache and the connection hold; worker.mjs measures, these decide;
// tests/js/start-mode.test.mjs checks them.
//
// Measured (build_tools/bench, phone profile 10 Mbit/s, 40 ms, CPU 4x): the snapshot's extra
// 5 MB cost more than the start-up it saves, so on such a link the plain start wins; on
// localhost and fast links the snapshot is ready in about half the time.

// How long the snapshot's download is watched, from its first byte, before judging the link.
// The time to that first byte is latency (or a busy server), not bandwidth, so it is not
// counted; but a download whose first byte takes longer than FIRST_BYTE_MS is judged slow (a
// service worker checks the whole file before it hands over the first byte).
export const PROBE_MS = 300;
export const FIRST_BYTE_MS = 1000;
// The snapshot is kept when the rest of it should arrive within this time: about what a plain
// start costs beyond a snapshot's restore on a fast desktop (more on a phone's slower CPU).
export const SNAPSHOT_BUDGET_MS = 1500;

// Before any byte is downloaded: "snapshot" (the cache holds it: no download), "plain" (the
// browser says the link is slow or the reader saves data), or "probe" (download it and judge
// the link by its first bytes with probeChoice).
export function firstChoice({ kept = false, saveData = false, effectiveType = "" } = {}) {
  if (kept) return "snapshot";
  if (saveData) return "plain";
  // navigator.connection caps its estimate at 10 Mbit/s and reports "4g" above about
  // 700 kbit/s: it can only tell a slow link, never a fast one, from what it says.
  if (["slow-2g", "2g", "3g"].includes(effectiveType)) return "plain";
  return "probe";
}

// PROBE_MS after the snapshot's first byte (or at its end): keep it if the rest should arrive
// within SNAPSHOT_BUDGET_MS at the rate seen so far, else "plain" (the download is cancelled).
// `elapsedMs`: since the first byte.
export function probeChoice({ receivedBytes, elapsedMs, totalBytes }) {
  if (receivedBytes >= totalBytes) return "snapshot";
  if (receivedBytes <= 0) return "plain";
  const bytesPerMs = receivedBytes / Math.max(elapsedMs, 1);
  return (totalBytes - receivedBytes) / bytesPerMs <= SNAPSHOT_BUDGET_MS ? "snapshot" : "plain";
}
