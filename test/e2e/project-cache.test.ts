// The compiled-project cache (.rampart/generated): admit compiles without OPA, scan and test with
// it. A build with OPA serves a request without; a build without OPA is rebuilt when OPA is asked
// for; a changed source rebuilds either.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { compiledProject, findProject } from "../../runtime/project.js";
import { rampart } from "./run-cli.js";

const work = mkdtempSync(path.join(tmpdir(), "rampart-project-cache-"));
const root = path.join(work, "policies");
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  const run = await rampart(["init", root]);
  expect(run.code, run.stderr).toBe(0);
});

/** Compiles (or reuses) the project; the build's identity (a rebuild replaces the folder) and whether it has policy.wasm. */
function build(withOpa: boolean) {
  const out = compiledProject(findProject(root), { inputs: DEFAULT_CONTROL_INPUTS, withOpa });
  return { folder: statSync(out).ino, wasm: existsSync(path.join(out, "policy.wasm")) };
}

describe("the compiled-project cache", () => {
  it("serves a request without OPA from a build with it, and rebuilds the other way round", () => {
    const withOpa = build(true);
    expect(withOpa.wasm).toBe(true);
    expect(build(false)).toEqual(withOpa);
    expect(build(true)).toEqual(withOpa);

    const control = path.join(root, "controls", "ORG-0001-owner-label.ts");
    writeFileSync(control, `${readFileSync(control, "utf8")}\n// changed\n`);
    const withoutOpa = build(false);
    expect(withoutOpa.folder).not.toBe(withOpa.folder);
    expect(withoutOpa.wasm).toBe(false);
    expect(build(false)).toEqual(withoutOpa);
    const rebuilt = build(true);
    expect(rebuilt.folder).not.toBe(withoutOpa.folder);
    expect(rebuilt.wasm).toBe(true);
  });
});
