// Inputs and tools for the document-report tests: the bundled examples plus a folder of hostile
// and non-ASCII manifests, exceptions (applied, expired, unused), and where the real consumers
// (Chromium, poppler) are installed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import { rampart } from "../e2e/run-cli.js";
import { EXAMPLES } from "../support/cli.js";

export { EXAMPLES };

/** Markup and quotes in every string a manifest or an exception can put into a report. */
export const HOSTILE_NAME = "<script>alert(1)</script>";
export const HOSTILE_CONTAINER = `"><img src=x onerror=alert(2)>`;
export const NON_ASCII_NAME = "café-ñ-日本-🚀";
export const JUSTIFICATION = `the agent reads host metrics <i>&amp; "needs"</i> it`;

const HOSTILE_MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "${HOSTILE_NAME}"
  namespace: "</td></tr><tr><td>"
spec:
  selector: { matchLabels: { app: x } }
  template:
    metadata: { labels: { app: x } }
    spec:
      containers:
        - name: '${HOSTILE_CONTAINER}'
          image: "evil:latest"
---
apiVersion: v1
kind: Pod
metadata:
  name: "${NON_ASCII_NAME}"
  namespace: "naïve"
spec:
  containers:
    - name: "ünïcode"
      image: nginx
      securityContext: { privileged: true }
`;

const EXCEPTIONS = `- name: node-agent-needs-privileges
  policyName: C-0057
  resources: [{ kind: DaemonSet, name: node-agent, namespace: monitoring }]
  justification: '${JUSTIFICATION}'
- name: expired-exemption
  policyName: C-0016
  resources: [{ kind: Deployment, name: web, namespace: shop }]
  justification: was temporary
  expiration: 2020-01-31
- name: exempts-nothing
  policyName: C-0016
  resources: [{ kind: Deployment, name: not-there, namespace: shop }]
  justification: kept for a workload that was removed
`;

export interface Inputs {
  readonly folder: string;
  readonly hostile: string;
  readonly exceptions: string;
  readonly broken: string;
}

/** A folder with the hostile manifests, the exceptions and a broken file; removed afterwards. */
export function writeInputs(prefix: string): Inputs {
  const folder = mkdtempSync(path.join(tmpdir(), `rampart-${prefix}-`));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const inputs = path.join(folder, "inputs");
  mkdirSync(inputs);
  const hostile = path.join(inputs, "hostile.yaml");
  writeFileSync(hostile, HOSTILE_MANIFESTS);
  const broken = path.join(inputs, "broken.yaml");
  writeFileSync(broken, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n");
  const exceptions = path.join(folder, "exceptions.yaml");
  writeFileSync(exceptions, EXCEPTIONS);
  return { folder, hostile, exceptions, broken };
}

/** The scan every document test renders: NSA over the examples and the hostile manifests. */
export function scanArgs(inputs: Inputs): string[] {
  return [
    "scan",
    "framework",
    "nsa",
    EXAMPLES,
    inputs.hostile,
    inputs.broken,
    "--exceptions",
    inputs.exceptions,
    "--cluster-name",
    "prod <eu>",
  ];
}

/** Runs the CLI with several formats into one folder (one scan: the same date and scores). */
export async function renderAll(
  args: readonly string[],
  formats: readonly string[],
  folder: string,
): Promise<Record<string, string>> {
  const output = path.join(folder, "out");
  mkdirSync(output, { recursive: true });
  const extensions: Record<string, string> = { json: "json", html: "html", pdf: "pdf" };
  const files = Object.fromEntries(
    formats.map((format) => [format, path.join(output, `report.${extensions[format]}`)]),
  );
  // One format writes the file named; several write report.<extension> into a folder.
  const target = formats.length === 1 ? (files[formats[0] as string] as string) : `${output}/`;
  const run = await rampart([...args, "--format", formats.join(","), "--output", target]);
  expect(run.stderr).not.toMatch(/rampart: (?!warning)/);
  expect(run.code).toBe(0);
  return files;
}

export function readJson(file: string): JsonReport {
  return JSON.parse(readFileSync(file, "utf8")) as JsonReport;
}

/** `44.55%` as the reports print a score. */
export function percentText(score: number | null): string {
  return score === null ? "n/a" : `${score.toFixed(2)}%`;
}

/** Where to keep screenshots and page images for people to look at. */
export function artifactFolder(): string {
  const folder = process.env.RAMPART_VISUAL_ARTIFACTS ?? path.join(tmpdir(), "rampart-report-visual");
  mkdirSync(folder, { recursive: true });
  return folder;
}

const CHROMIUM_CANDIDATES = [
  process.env.RAMPART_CHROMIUM,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

/** Debian's chromium (or RAMPART_CHROMIUM); undefined when none is installed. */
export function findChromium(): string | undefined {
  return CHROMIUM_CANDIDATES.find((candidate): candidate is string => candidate !== undefined && existsSync(candidate));
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/**
 * Whether the tests of a system tool (Chromium, poppler) may skip when it is missing. CI sets
 * RAMPART_REQUIRE_ALL_TOOLS=1: there a missing tool fails, instead of silently checking less.
 */
export function skipWithout(tool: string, found: boolean): boolean {
  if (found) return false;
  if (process.env.RAMPART_REQUIRE_ALL_TOOLS === "1") {
    it(`${tool} is installed (RAMPART_REQUIRE_ALL_TOOLS=1)`, () => {
      expect.fail(`${tool} is missing, and RAMPART_REQUIRE_ALL_TOOLS=1 requires every tool the tests use`);
    });
  }
  return true;
}

/** A tool of poppler-utils (pdftotext, pdftoppm, pdfinfo), when installed. */
export function popplerTool(name: string): string | undefined {
  return ["/usr/bin", "/usr/local/bin"].map((dir) => path.join(dir, name)).find((file) => existsSync(file));
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
