// The PDF report read back by real extractors: poppler (pdfinfo, pdftotext, pdftoppm — Debian's
// poppler-utils) and Mozilla's pdf.js. The scores, control names and failing objects must come
// out as text; non-ASCII names must not break the file; page 1 is rendered to PNG to look at.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import { rampart } from "../e2e/run-cli.js";
import {
  artifactFolder,
  EXAMPLES,
  type Inputs,
  JUSTIFICATION,
  percentText,
  pngSize,
  popplerTool,
  readJson,
  renderAll,
  scanArgs,
  skipWithout,
  writeInputs,
} from "./support.js";

const pdftotext = popplerTool("pdftotext");
const pdfinfo = popplerTool("pdfinfo");
const pdftoppm = popplerTool("pdftoppm");
const poppler = pdftotext !== undefined && pdfinfo !== undefined && pdftoppm !== undefined;
const noPoppler = skipWithout("poppler-utils (pdftotext, pdfinfo, pdftoppm)", poppler);
if (!poppler) {
  console.warn(
    "test/report-visual/pdf.test.ts: poppler checks skipped — pdftotext/pdfinfo/pdftoppm not found; " +
      "install Debian's poppler-utils: apt-get install -y poppler-utils",
  );
}

/** pdf.js reads the metrics of the standard fonts (Helvetica, Courier) from its own folder. */
const STANDARD_FONTS = `${path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

/** All text of a PDF through pdf.js, page by page, items joined by spaces. */
async function pdfjsText(bytes: Uint8Array): Promise<string[]> {
  const document = await getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    standardFontDataUrl: STANDARD_FONTS,
  }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await document.destroy();
  return pages;
}

/** Words separated by any run of spaces, so that layout does not matter. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, " ");
}

let inputs: Inputs;
let pdfFile: string;
let bytes: Buffer;
let report: JsonReport;

beforeAll(async () => {
  inputs = writeInputs("pdf");
  const files = await renderAll(scanArgs(inputs), ["pdf", "json"], inputs.folder);
  pdfFile = files.pdf as string;
  bytes = readFileSync(pdfFile);
  report = readJson(files.json as string);
});

/** What an auditor must find in the report, whichever extractor reads it. */
function expectReportText(text: string): void {
  const flat = squeeze(text);
  expect(flat).toContain("Kubernetes compliance report");
  expect(flat).toContain(report.scanDate);
  const [framework] = report.summaryDetails.frameworks;
  expect(flat).toMatch(
    new RegExp(`NSA ${percentText(framework?.complianceScore ?? null)} ${percentText(framework?.riskScore ?? null)}`),
  );
  expect(flat).toContain(percentText(report.summaryDetails.complianceScore));
  expect(flat).toContain(report.summaryDetails.coverage.text);
  // Every control by ID; evaluated ones by name as well, word by word: the table wraps a long
  // name (at spaces, or after a hyphen) between the other cells of its row.
  for (const control of report.results) {
    expect(flat).toContain(control.controlID);
    if (control.status === "skipped") continue;
    for (const word of control.name.split(/\s+|(?<=-)/)) expect(flat, control.controlID).toContain(word);
  }
  expect(flat).toContain("Deployment/web");
  expect(flat).toContain("Job/migrate-db");
  expect(flat).toContain('container "log-shipper" does not set allowPrivilegeEscalation to false');
  expect(flat).toContain("Deployment/<script>alert(1)</script>");
  expect(flat).toContain(`Accepted by exception "node-agent-needs-privileges"`);
  expect(flat).toContain(squeeze(JUSTIFICATION));
}

describe("the PDF file", () => {
  it("is 7-bit ASCII with a correct cross-reference table, so it survives stdout", async () => {
    expect(bytes.subarray(0, 9).toString("latin1")).toBe("%PDF-1.4\n");
    expect(bytes.subarray(-6).toString("latin1")).toBe("%%EOF\n");
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
    const text = bytes.toString("latin1");
    const xref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    expect(text.slice(xref, xref + 5)).toBe("xref\n");
    const size = Number(/^trailer\n<< \/Size (\d+) /m.exec(text.slice(xref))?.[1]);
    expect(size, "the trailer's /Size").toBeGreaterThan(1);
    // One subsection from object 0: the free head of the list, then one entry per object.
    expect(text.slice(xref + 5)).toMatch(new RegExp(`^0 ${size}\n0000000000 65535 f \n`));
    const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
    expect(offsets, "an offset for every object the trailer counts").toHaveLength(size - 1);
    offsets.forEach((offset, index) => {
      expect(text.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`);
    });
    const run = await rampart(["scan", "framework", "nsa", EXAMPLES, "--format", "pdf"]);
    expect(run.code).toBe(0);
    const fromStdout = Buffer.from(run.stdout, "utf8");
    expect(fromStdout.subarray(0, 9).toString("latin1")).toBe("%PDF-1.4\n");
    expect((await pdfjsText(new Uint8Array(fromStdout))).join(" ")).toContain("Kubernetes compliance report");
  });

  it("reads back through pdf.js with scores, control names and failing objects", async () => {
    const pages = await pdfjsText(new Uint8Array(bytes));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expectReportText(pages.join("\n"));
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it("keeps non-ASCII text readable where WinAnsi has it, and falls back to ? where not", async () => {
    const text = squeeze((await pdfjsText(new Uint8Array(bytes))).join(" "));
    expect(text).toContain("Pod/café-ñ-??-?");
    expect(text).toContain("namespace naïve");
    expect(text).toContain('container "ünïcode" is privileged');
  });
});

describe.skipIf(noPoppler)("the PDF through poppler (needs: apt-get install poppler-utils)", () => {
  it("pdfinfo reads it without a syntax error or warning", () => {
    const run = spawnSync(pdfinfo as string, [pdfFile], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Pages:\s+\d+$/m);
    expect(run.stdout).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(run.stdout).toMatch(/^Title:\s+Rampart compliance report - NSA - \d{4}-/m);
  });

  it("pdftotext extracts the scores, control names and failing objects", () => {
    const run = spawnSync(pdftotext as string, ["-layout", pdfFile, "-"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expectReportText(run.stdout);
    expect(squeeze(run.stdout)).toContain("Pod/café-ñ-??-?");
    // The critical controls pass: C-0057 on the workloads, C-0069 and C-0070 on the example nodes.
    expect(run.stdout).toMatch(/Critical\s+0\s+3\s+0\s+0/);
  });

  it("pdftoppm renders page 1 to a PNG", () => {
    const prefix = path.join(inputs.folder, "page");
    execFileSync(pdftoppm as string, ["-r", "100", "-png", "-f", "1", "-l", "1", pdfFile, prefix]);
    // pdftoppm pads the page number to the width of the page count (page-01.png from 10 pages).
    const name = readdirSync(inputs.folder).find((entry) => /^page-0*1\.png$/.test(entry));
    const file = path.join(inputs.folder, name ?? "page-1.png");
    const png = readFileSync(file);
    expect(pngSize(png)).toEqual({ width: 827, height: 1170 });
    expect(png.length).toBeGreaterThan(40_000);
    copyFileSync(file, path.join(artifactFolder(), "report-page-1.png"));
    copyFileSync(pdfFile, path.join(artifactFolder(), "report.pdf"));
  });
});
