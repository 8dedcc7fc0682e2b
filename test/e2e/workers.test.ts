// Scans on worker threads (runtime/engine/pool.ts) report exactly what one in-process scan does:
// the pool's answers are merged in input order.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { type ControlInputValues, inventoryOf } from "../../runtime/engine/engine.js";
import { WasmPool } from "../../runtime/engine/pool.js";
import { WasmEngine } from "../../runtime/engine/wasm.js";
import { compiledLookups, GENERATED_DIR } from "../../runtime/generated.js";
import { syntheticCluster } from "../bench/synthetic-cluster.js";
import { tempFolder } from "../support/cli.js";
import { rampart } from "./run-cli.js";

const work = tempFolder("rampart-workers-");
const cluster = syntheticCluster(1_300, { crossResource: true });
const dump = work.file("cluster.json", JSON.stringify(cluster));
const FRAMEWORKS = "nsa,mitre,cis-v1.23-t1.0.1,devopsbest";
const wasmFile = path.join(GENERATED_DIR, "policy.wasm");

describe("a worker pool", () => {
  it("answers each batch as policy.wasm in this process does", async () => {
    const objects = cluster.items as Record<string, unknown>[];
    const ids = [...compiledLookups().keys()];
    const inputs = DEFAULT_CONTROL_INPUTS as ControlInputValues;
    const inventory = inventoryOf(objects);
    const local = WasmEngine.fromFile(wasmFile);
    local.prepare(inputs, inventory);
    const pool = new WasmPool(wasmFile, 2);
    try {
      pool.prepare(inputs, inventory);
      const batches = [objects.slice(0, 400), objects.slice(400, 900), objects.slice(900)];
      const answers = await Promise.all(batches.map((batch) => pool.evaluate(batch, ids)));
      expect(answers).toEqual(batches.map((batch) => local.evaluate(batch, ids)));
    } finally {
      await pool.close();
    }
  });
});

describe("rampart scan --workers", () => {
  it("writes the same JSON report with 1, 2 and 3 workers", async () => {
    const reports: string[] = [];
    for (const workers of ["1", "2", "3"]) {
      const run = await rampart(["scan", "framework", FRAMEWORKS, dump, "--format", "json", "--workers", workers]);
      expect(run.stderr).toBe("");
      reports.push(run.stdout.replace(/"scanDate":"[^"]*"/, ""));
    }
    expect(reports[0]).toContain('"controlID":"C-0016"');
    expect(reports[1]).toBe(reports[0]);
    expect(reports[2]).toBe(reports[0]);
  });

  it("takes a whole number of workers, 1 or more", async () => {
    const run = await rampart(["scan", "framework", "nsa", dump, "--workers", "0"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--workers");
  });
});
