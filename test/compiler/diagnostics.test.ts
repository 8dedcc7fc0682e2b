// Diagnostics for unsupported TypeScript, against baselines (diagnostics/<case>.errors.txt)
// that show the message, the hint and the offending source underlined. All cases compile in
// one run, beside a well-formed control that must still compile; parameters are checked across
// the controls as `rampart compile` does. UPDATE_BASELINES=1 writes the baselines; without it a
// missing baseline fails, and so does a baseline left without its case.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../compiler/diagnostics.js";
import { loadControls } from "../../compiler/frontend/load.js";
import { checkParameters } from "../../compiler/frontend/parameters.js";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";

const FOLDER = path.join(import.meta.dirname, "diagnostics");
const WELL_FORMED = "well-formed.ts";
const UPDATE = process.env.UPDATE_BASELINES === "1";
const files = readdirSync(FOLDER)
  .filter((file) => file.endsWith(".ts"))
  .sort()
  .map((file) => path.join(FOLDER, file));
const loaded = loadControls(files, { tsConfigFilePath: path.join(PROJECT_ROOT, "tsconfig.json") });
const parameters = checkParameters(
  loaded.controls.map((ir) => ({ id: ir.metadata.id, parameters: ir.metadata.parameters, sites: ir.parameterSites })),
  DEFAULT_CONTROL_INPUTS,
);
const result = {
  controls: loaded.controls.filter((ir) => !parameters.rejected.has(ir.metadata.id)),
  diagnostics: [...loaded.diagnostics, ...parameters.diagnostics],
};

describe("diagnostics", () => {
  it("compiles the well-formed control despite the broken ones", () => {
    expect(result.controls.map((control) => control.metadata.id)).toEqual(["C-9100"]);
  });

  it("has a case for every baseline", () => {
    const cases = new Set(readdirSync(FOLDER).filter((file) => file.endsWith(".ts") && file !== WELL_FORMED));
    const orphans = readdirSync(FOLDER)
      .filter((file) => file.endsWith(".errors.txt"))
      .filter((baseline) => !cases.has(baseline.replace(/\.errors\.txt$/, ".ts")));
    expect(orphans, "baselines without a case (delete them)").toEqual([]);
  });

  for (const file of files.filter((file) => path.basename(file) !== WELL_FORMED)) {
    const name = path.basename(file, ".ts");
    it(name, () => {
      const text = readFileSync(file, "utf8");
      const mine = result.diagnostics.filter((diagnostic) => diagnostic.file === file);
      expect(mine.length, "at least one diagnostic").toBeGreaterThan(0);
      const actual = `${mine.map((diagnostic) => formatDiagnostic(diagnostic, text, PROJECT_ROOT)).join("\n")}\n`;
      const baseline = file.replace(/\.ts$/, ".errors.txt");
      if (UPDATE) writeFileSync(baseline, actual);
      if (!existsSync(baseline))
        expect.fail(
          `no baseline for ${name}; run with UPDATE_BASELINES=1 and review the new ${path.basename(baseline)}`,
        );
      expect(actual).toBe(readFileSync(baseline, "utf8"));
    });
  }
});
