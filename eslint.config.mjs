// ESLint flat config: @eslint/js recommended for every script, with the globals of the place
// each one runs (page, module worker, service worker, Node), and a few rules beyond it that catch
// defects recommended lets through (loose equality, a name that hides another, an expression
// that does nothing, loops that cannot end or never loop, callbacks that forget to return).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: [
      "node_modules/",
      "site/",
      ".cache/",
      ".venv/",
      ".venv-pyodide/",
      // Material's own inline scripts, moved to files for the CSP and kept as Material wrote them.
      "build_tools/theme/assets/javascripts/guide/md-*.js",
    ],
  },
  js.configs.recommended,
  {
    rules: {
      eqeqeq: "error",
      "no-shadow": "error",
      "no-unused-expressions": "error",
      "no-self-compare": "error",
      "no-template-curly-in-string": "error",
      "no-unmodified-loop-condition": "error",
      "no-unreachable-loop": "error",
      "array-callback-return": "error",
      "no-constructor-return": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "prefer-const": "error",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
  },
  {
    // Classic page scripts (not modules): they run before Material's bundle.
    files: ["build_tools/theme/assets/javascripts/guide/*.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    files: [
      "build_tools/theme/assets/javascripts/guide/worker.mjs",
      "build_tools/bench/floor/floor-worker.mjs",
    ],
    languageOptions: { globals: globals.worker },
  },
  {
    // The build fills the placeholders (build_tools/offline/plugin.py) before it ships.
    files: ["build_tools/offline/sw.js"],
    languageOptions: {
      sourceType: "script",
      globals: {
        ...globals.serviceworker,
        __BUILD__: "readonly",
        __SHELL__: "readonly",
        __RUNTIME__: "readonly",
      },
    },
  },
  {
    files: ["build_tools/pyodide/*.mjs", "tests/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { globals: globals.node },
  },
];
