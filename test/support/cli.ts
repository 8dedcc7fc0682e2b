// Small helpers the CLI tests share: the bundled examples, a temporary folder per test file,
// the JSON report of a scan, and jq on a report file.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { rampart } from "../e2e/run-cli.js";

/** The bundled example manifests (an absolute path). */
export const EXAMPLES = path.join(PROJECT_ROOT, "examples");

export interface TempFolder {
  readonly folder: string;
  /** The path of `name` in the folder; with `content`, the file is written first. */
  file(name: string, content?: string | Buffer): string;
}

/** A temporary folder for one test file, removed after its tests (call at the top level). */
export function tempFolder(prefix: string): TempFolder {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return {
    folder,
    file(name, content) {
      const target = path.join(folder, name);
      if (content !== undefined) writeFileSync(target, content);
      return target;
    },
  };
}

/** `rampart <args> --format json`, which must exit 0; its report. */
export async function jsonOf<Report = JsonReport>(args: readonly string[], stdin = ""): Promise<Report> {
  const run = await rampart([...args, "--format", "json"], stdin);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

/** jq's outputs on a JSON file: one value, or the list of values when the filter yields several. */
export function jq(file: string, filter: string): unknown {
  const lines = execFileSync("jq", ["-c", filter, file], { encoding: "utf8" }).trim().split("\n");
  const values = lines.map((line) => JSON.parse(line) as unknown);
  return values.length === 1 ? values[0] : values;
}
