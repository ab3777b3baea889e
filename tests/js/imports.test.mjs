// node --test: every name a page script imports from a sibling module is exported by it. The
// browser refuses the whole module graph otherwise (the calculator never mounts), and ESLint's
// rules here do not resolve imports. Static: the modules need a DOM to run.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

const DIR = new URL("../../build_tools/theme/assets/javascripts/guide/", import.meta.url);
const read = (name) => readFileSync(new URL(name, DIR), "utf8");
const modules = readdirSync(DIR).filter((name) => name.endsWith(".mjs"));

function exported(source) {
  const names = new Set();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([\w$]+)/g)) names.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) names.add(part.trim().split(/\s+as\s+/).pop());
  }
  return names;
}

test("the calculator's controllers are modules beside calculator.mjs", () => {
  assert.ok(modules.filter((name) => name.startsWith("calculator-")).length >= 5);
});

for (const name of modules) {
  test(`${name}: every imported name is exported`, () => {
    for (const m of read(name).matchAll(/import\s*\{([^}]*)\}\s*from\s*"\.\/([^"]+)"/g)) {
      const names = exported(read(m[2]));
      for (const wanted of m[1].split(",").map((s) => s.trim().split(/\s+as\s+/)[0]).filter(Boolean)) {
        assert.ok(names.has(wanted), `${name} imports ${wanted} from ${m[2]}, which does not export it`);
      }
    }
  });
}
