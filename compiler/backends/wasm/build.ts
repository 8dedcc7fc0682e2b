// `opa check` and `opa build -t wasm` over the generated Rego. Built without -O: the optimiser
// has panicked on some inputs upstream, and the policies are small.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runTool } from "../../tools.js";

/** Problems `opa check --strict` reports, as text; empty when the Rego is sound. */
export function checkRego(regoDir: string, capabilitiesFile: string): string {
  const result = runTool("opa", ["check", "--strict", "--capabilities", capabilitiesFile, regoDir]);
  return result.status === 0 ? "" : `${result.stdout}${result.stderr}`.trim();
}

/**
 * Builds policy.wasm with the given entrypoints (slash form: rampart/scan/results). OPA records
 * the Rego file paths in the module, so it runs in the parent of `regoDir` with a relative path:
 * the same sources always give the same bytes.
 */
export function buildWasm(regoDir: string, entrypoints: readonly string[], capabilitiesFile: string): Buffer {
  const work = mkdtempSync(path.join(tmpdir(), "rampart-wasm-"));
  try {
    const bundle = path.join(work, "bundle.tar.gz");
    const args = ["build", "-t", "wasm", "--capabilities", capabilitiesFile, "-o", bundle];
    for (const entrypoint of entrypoints) args.push("-e", entrypoint);
    const result = runTool("opa", [...args, path.basename(regoDir)], { cwd: path.dirname(regoDir) });
    if (result.status !== 0) throw new Error(`opa build -t wasm failed:\n${result.stdout}${result.stderr}`);
    const untar = spawnSync("tar", ["-xzf", bundle, "-C", work, "/policy.wasm"], { encoding: "utf8" });
    if (untar.status !== 0) throw new Error(`cannot extract policy.wasm from the OPA bundle: ${untar.stderr}`);
    return readFileSync(path.join(work, "policy.wasm"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
