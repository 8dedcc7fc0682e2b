// Scans for the report tests: the real CLI, in-process, on the bundled examples (given as a path
// relative to the working directory, as users type it) or on manifests written for a test.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { rampart } from "../e2e/run-cli.js";
import { EXAMPLES as ABSOLUTE_EXAMPLES, tempFolder } from "../support/cli.js";

/** `examples`, relative to where the tests run (the project root). */
export const EXAMPLES = path.relative(process.cwd(), ABSOLUTE_EXAMPLES) || ".";

/** Exempts Deployment shop/web from C-0016 (one of the three objects failing it). */
export const EXCEPTIONS = `- name: shipper-escalates
  policyName: C-0016
  resources: [{ kind: Deployment, name: web, namespace: shop }]
  justification: the log shipper's "sidecar" needs <escalation> & we accept it
`;

/** A folder for one test file's inputs and outputs, removed after its tests. */
export function workFolder(): (name: string, content?: string) => string {
  return tempFolder("rampart-report-").file;
}

/** Runs `rampart <args> --format <format> --output <file>` and returns the file's text. */
export async function report(args: readonly string[], format: string, output: string, stdin = ""): Promise<string> {
  const run = await rampart([...args, "--format", format, "--output", output], stdin);
  expect(run.stderr).not.toMatch(/rampart: (?!warning)/);
  expect(run.code).toBe(0);
  return readFileSync(output, "utf8");
}

/** The JSON report of the same scan, to compare counts with. */
export { jsonOf } from "../support/cli.js";

/** 1-based line and column of the `occurrence`-th (0-based) match of `needle` in a file. */
export function positionIn(file: string, needle: string, occurrence = 0): { line: number; column: number } {
  const lines = readFileSync(file, "utf8").split("\n");
  let seen = 0;
  for (const [index, line] of lines.entries()) {
    const column = line.indexOf(needle);
    if (column === -1) continue;
    if (seen === occurrence) return { line: index + 1, column: column + 1 };
    seen += 1;
  }
  throw new Error(`${needle} not found in ${file}`);
}
