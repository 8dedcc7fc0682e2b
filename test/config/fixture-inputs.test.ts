// `inputs:` in control fixtures: checked as a controls config checks control inputs (a known
// name, a list of strings, RE2 patterns), so that a typo never silently tests the default.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { param } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { loadFixtures } from "../../runtime/testing/fixtures.js";

const work = mkdtempSync(path.join(tmpdir(), "rampart-fixture-inputs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let folders = 0;
/** A fixture folder with one case of ORG-9002 setting `inputs`; loading it. */
function fixtureWith(inputs: string) {
  const folder = path.join(work, `fixtures-${++folders}`);
  mkdirSync(folder);
  writeFileSync(
    path.join(folder, "ORG-9002.yaml"),
    `control: ORG-9002\ncases:\n  - name: case\n    inputs: ${inputs}\n    objects: []\n    expect: {}\n`,
  );
  return () => loadFixtures(folder, (id) => (id === "ORG-9002" ? { ownerLabel: param.string("owner") } : undefined));
}

describe("inputs: in fixtures", () => {
  it("sets the named inputs; the others and the parameters keep their defaults", () => {
    const [entry] = fixtureWith('{ insecureCapabilities: [CHOWN], sensitiveValues: ["^sk_[0-9a-z]{8}$"] }')();
    expect(entry?.inputs).toEqual({
      ...DEFAULT_CONTROL_INPUTS,
      ownerLabel: "owner",
      insecureCapabilities: ["CHOWN"],
      sensitiveValues: ["^sk_[0-9a-z]{8}$"],
    });
  });

  it.each([
    [
      "{ insecureCapabilites: [CHOWN] }",
      'unknown control input "insecureCapabilites" (did you mean insecureCapabilities?)',
    ],
    ["{ insecureCapabilities: CHOWN }", 'control input "insecureCapabilities" is a list of strings'],
    ["{ insecureCapabilities: [CHOWN, 5] }", 'control input "insecureCapabilities" is a list of strings'],
    ['{ sensitiveValues: ["(?=secret)"] }', 'pattern "(?=secret)" uses lookaround, which RE2 does not support'],
    ["{ ownerLabel: team }", 'unknown control input "ownerLabel" (a parameter of ORG-9002: set it under params:)'],
    ["[insecureCapabilities]", "a mapping of control input names to lists of strings"],
  ])("refuses %s", (inputs, problem) => {
    expect(fixtureWith(inputs)).toThrow(`ORG-9002.yaml: ORG-9002 "case": inputs: ${problem}`);
  });
});
