// node --test: the calculator runtime's state machine (runtime-state.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  INITIAL,
  NEEDS_ONLINE_VISIT,
  failedResponse,
  nextState,
} from "../../build_tools/theme/assets/javascripts/guide/runtime-state.mjs";
import { learnMessages, say } from "../../build_tools/theme/assets/javascripts/guide/messages.mjs";

// The page's messages as the build writes them (calculator.words.page_messages; tests/js/test_node.py
// passes them, as a page root carries them in data-page-messages).
assert.ok(process.env.GUIDE_PAGE_MESSAGES, "run through pytest (tests/js/test_node.py): it passes the messages");
learnMessages({ dataset: { pageMessages: process.env.GUIDE_PAGE_MESSAGES } });

const run = (...events) => events.reduce(nextState, INITIAL);

test("starts loading", () => {
  assert.equal(INITIAL.name, "loading");
  assert.equal(INITIAL.stage, "starting");
});

test("progress moves through the stages, then ready carries version and start mode", () => {
  assert.deepEqual(run({ type: "progress", stage: "runtime" }), {
    name: "loading",
    stage: "runtime",
    message: "",
  });
  const ready = run(
    { type: "progress", stage: "runtime" },
    { type: "progress", stage: "calculator" },
    { type: "ready", version: "0.1.0", mode: "snapshot", why: "fast-link" },
  );
  assert.deepEqual(ready, {
    name: "ready",
    stage: "ready",
    message: "",
    version: "0.1.0",
    mode: "snapshot",
    why: "fast-link",
  });
});

test("a worker's error message is shown as a sentence", () => {
  const failed = run({ type: "error", message: "wheel hash mismatch" });
  assert.equal(failed.name, "error");
  assert.equal(failed.stage, "failed");
  assert.equal(failed.message, "The calculator could not start: wheel hash mismatch");
  assert.equal(run({ type: "worker-error" }).message, "The calculator could not start: worker error");
});

test("a file that could not be fetched at all says the calculator needs one online visit", () => {
  const offline = run({ type: "progress", stage: "runtime" }, { type: "error", message: "Failed to fetch", network: true });
  assert.equal(offline.name, "error");
  assert.equal(offline.stage, "offline");
  assert.equal(offline.message, say(NEEDS_ONLINE_VISIT));
  assert.match(offline.message, /^The calculator needs one online visit to be kept for offline use\./);
  assert.doesNotMatch(offline.message, /Failed to fetch/);
});

test("the start timeout fails a runtime that is still loading", () => {
  const timedOut = run({ type: "progress", stage: "runtime" }, { type: "timeout" });
  assert.equal(timedOut.name, "error");
  assert.equal(timedOut.stage, "timeout");
  assert.match(timedOut.message, /within 60 seconds\. Reload the page/);
});

test("a late timeout or progress never downgrades a ready runtime", () => {
  const ready = run({ type: "ready", version: "1", mode: "plain" });
  assert.equal(nextState(ready, { type: "timeout" }), ready);
  assert.equal(nextState(ready, { type: "progress", stage: "runtime" }), ready);
});

test("a late progress does not revive a failed runtime", () => {
  const failed = run({ type: "error", message: "x" });
  assert.equal(nextState(failed, { type: "progress", stage: "calculator" }), failed);
  assert.equal(nextState(failed, { type: "timeout" }), failed);
});

test("results and unknown messages leave the state alone", () => {
  assert.equal(nextState(INITIAL, { type: "result", id: 1 }), INITIAL);
  assert.equal(nextState(INITIAL, { type: "whatever" }), INITIAL);
});

test("a message unknown to the page reads as its key, and placeholders are filled", () => {
  assert.equal(say("no_such_message"), "no_such_message");
  learnMessages({ dataset: { pageMessages: JSON.stringify({ hello: "Hello {who}, {who}; {other}" }) } });
  assert.equal(say("hello", { who: "you" }), "Hello you, you; {other}");
});

test("a failure of Python in the worker answers each call in its shape, in the page's words", () => {
  const words = say("python_failed");
  assert.match(words, /stopped working/);
  assert.deepEqual(JSON.parse(failedResponse("evaluate_form")), { ok: false, errors: [{ field: null, message: words }] });
  const line = failedResponse("reclassify");
  assert.ok(line.endsWith("\n"));
  assert.deepEqual(JSON.parse(line), { errors: [{ field: null, message: words }] });
});
