// The calculator runtime's states, as a pure function of the worker's messages (runtime.mjs
// feeds it; tests/js/runtime-state.test.mjs checks it under `node --test`).
//   loading --progress--> loading --ready--> ready
//   loading --error / worker-error / timeout--> error (stage "offline" when a file could not be
//   fetched at all: the reader is offline and the calculator was never kept)
// A late progress or timeout never revives or downgrades a runtime that is ready or failed.
// Messages are Python's (calculator.words.page_messages), looked up through messages.mjs.

import { say } from "./messages.mjs";

export const START_TIMEOUT_MS = 60000;

export const INITIAL = Object.freeze({ name: "loading", stage: "starting", message: "" });

// A reader offline (or the site unreachable) whose browser has not kept the calculator: it is
// kept for offline use only after it has been used once online (build_tools/offline/sw.js).
export const NEEDS_ONLINE_VISIT = "needs_online_visit";

// The message is read when shown, so the page's messages may be learnt after this module loads.
export const UNSUPPORTED = Object.freeze({
  name: "error",
  stage: "unsupported",
  get message() {
    return say("unsupported");
  },
});

// `event`: a worker message ({type: "progress" | "ready" | "error", ...}), or
// {type: "worker-error", message} and {type: "timeout"} from the page itself.
export function nextState(state, event) {
  switch (event.type) {
    case "progress":
      return state.name === "loading" ? { name: "loading", stage: event.stage, message: "" } : state;
    case "ready":
      return { name: "ready", stage: "ready", message: "", version: event.version, mode: event.mode, why: event.why };
    case "error":
      return event.network
        ? { name: "error", stage: "offline", message: say(NEEDS_ONLINE_VISIT) }
        : { name: "error", stage: "failed", message: say("could_not_start", { error: event.message }) };
    case "worker-error":
      return {
        name: "error",
        stage: "failed",
        message: say("could_not_start", { error: event.message || say("worker_error") }),
      };
    case "timeout":
      return state.name === "loading"
        ? {
            name: "error",
            stage: "timeout",
            message: say("start_timeout", { seconds: START_TIMEOUT_MS / 1000 }),
          }
        : state;
    default:
      return state;
  }
}

// The answer to a call when Python itself failed in the worker ({type: "failed"}): the page's
// words in the shape the call expects ("reclassify": the CLI's one {"errors"} line; the others
// {ok: false, errors}), as JSON text like every reply.
export function failedResponse(call) {
  const errors = [{ field: null, message: say("python_failed") }];
  return call === "reclassify" ? `${JSON.stringify({ errors })}\n` : JSON.stringify({ ok: false, errors });
}
