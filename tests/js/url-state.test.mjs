// node --test: the calculator's URL mirror (build_tools/theme/assets/javascripts/guide/url-state.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";

import { mirroredUrl, restoreControls, unappliedControls } from "../../build_tools/theme/assets/javascripts/guide/url-state.mjs";

const select = (name, values, value = "") => ({
  name,
  tagName: "SELECT",
  options: values.map((v) => ({ value: v })),
  value,
});
const input = (name, value = "") => ({ name, tagName: "INPUT", value });

test("restores every named control from the query", () => {
  const controls = [select("ihc", ["", "2+", "3+"]), input("weight_kg"), input("untouched", "kept")];
  const ignored = restoreControls("?ihc=3%2B&weight_kg=70.5", controls);
  assert.deepEqual(ignored, []);
  assert.deepEqual(
    controls.map((c) => c.value),
    ["3+", "70.5", "kept"],
  );
});

test("a select ignores a value it has no option for, and says so", () => {
  const ihc = select("ihc", ["", "3+"], "");
  const ignored = restoreControls("?ihc=9%2B&indication=x", [ihc, select("indication", ["early_breast"])]);
  assert.deepEqual(ignored, ["ihc", "indication"]);
  assert.equal(ihc.value, "");
});

test("text is kept as text, markup included (the page assigns it as a value only)", () => {
  const box = input("weight_kg");
  restoreControls(`?weight_kg=${encodeURIComponent('<img src=x onerror="1">')}`, [box]);
  assert.equal(box.value, '<img src=x onerror="1">');
});

test("an empty value is restored as empty, a missing one is left alone", () => {
  const a = input("a", "old");
  const b = input("b", "old");
  restoreControls("?a=", [a, b]);
  assert.equal(a.value, "");
  assert.equal(b.value, "old");
});

test("the mirrored URL keeps path and fragment and encodes the fields", () => {
  const location = { pathname: "/calculator/", hash: "#result" };
  assert.equal(
    mirroredUrl(location, { indication: "early_breast", ihc: "3+", note: "a&b" }),
    "/calculator/?indication=early_breast&ihc=3%2B&note=a%26b#result",
  );
  assert.equal(mirroredUrl(location, {}), "/calculator/#result");
});

test("restore(mirror(fields)) gives the fields back", () => {
  const fields = { indication: "metastatic_gastric", her2_cep17_ratio: "2.0", schedule: "q3w" };
  const url = mirroredUrl({ pathname: "/c/", hash: "" }, fields);
  const controls = [
    select("indication", ["", "metastatic_gastric"]),
    input("her2_cep17_ratio"),
    select("schedule", ["", "weekly", "q3w"]),
  ];
  assert.deepEqual(restoreControls(new URL(url, "http://x").search, controls), []);
  assert.deepEqual(Object.fromEntries(controls.map((c) => [c.name, c.value])), fields);
});

// A field disabled because it does not apply (a treatment setting with metastatic disease), an
// option withdrawn (its select reset to ""), and a field used as given.
test("values the laid-out form does not use are named, an empty one is not", () => {
  const setting = { ...select("setting", ["", "neoadjuvant"], "neoadjuvant"), disabled: true };
  const ihc = select("ihc", ["", "3+"], "");
  const weight = input("weight_kg", "70");
  const line = { ...input("line", ""), disabled: true };
  const controls = [setting, ihc, weight, line];
  assert.deepEqual(unappliedControls("?setting=neoadjuvant&ihc=3%2B&weight_kg=70&line=", controls), ["setting", "ihc"]);
  assert.deepEqual(unappliedControls("?weight_kg=70", controls), []);
  // A text box holds what the browser made of the value (line breaks stripped): still used.
  assert.deepEqual(unappliedControls("?weight_kg=7%0A0", controls), []);
});
