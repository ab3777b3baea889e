// The calculator runtime's states, as a pure function of the worker's messages (runtime.mjs
// feeds it; tests/js/runtime-state.test.mjs checks it under `node --test`).
//   loading --progress--> loading --ready--> ready
//   loading --error / worker-error / timeout--> error (stage "offline" when a file could not be
//   fetched at all: the reader is offline and the calculator was never kept)
// A late progress or timeout never revives or downgrades a runtime that is ready or failed.

export const START_TIMEOUT_MS = 60000;

export const INITIAL = Object.freeze({ name: "loading", stage: "starting", message: "" });

// A reader offline (or the site unreachable) whose browser has not kept the calculator: it is
// kept for offline use only after it has been used once online (build_tools/offline/sw.js).
export const NEEDS_ONLINE_VISIT =
  "The calculator needs one online visit to be kept for offline use. " +
  "Reload this page once you are online.";

export const UNSUPPORTED = Object.freeze({
  name: "error",
  stage: "unsupported",
  message:
    "This browser cannot run the calculator: it needs WebAssembly and Web Workers. " +
    "The article's criteria tables give the same rules.",
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
        ? { name: "error", stage: "offline", message: NEEDS_ONLINE_VISIT }
        : { name: "error", stage: "failed", message: `The calculator could not start: ${event.message}` };
    case "worker-error":
      return {
        name: "error",
        stage: "failed",
        message: `The calculator could not start: ${event.message || "worker error"}`,
      };
    case "timeout":
      return state.name === "loading"
        ? {
            name: "error",
            stage: "timeout",
            message: "The calculator did not start within 60 seconds. Reload the page to try again.",
          }
        : state;
    default:
      return state;
  }
}
