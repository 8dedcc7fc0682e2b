// Finding the external tools Rampart drives (OPA, Gatekeeper's gator, the CEL oracle, the test
// API server) and running them.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository (or installed package) root, from source or from dist/. */
export const PROJECT_ROOT = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const parts = here.split(path.sep);
  const dist = parts.lastIndexOf("dist");
  return dist >= 0 ? parts.slice(0, dist).join(path.sep) : path.resolve(here, "..");
})();

export type ToolName = "opa" | "gator" | "cel-oracle" | "kube-apiserver";

const INSTALL_HINT: Record<ToolName, string> = {
  opa: "run scripts/install-tools.sh (it builds the pinned OPA with `go install`), or set RAMPART_OPA to an OPA 1.x binary",
  gator:
    "run scripts/install-tools.sh (it builds the pinned gator with `go install`), or set RAMPART_GATOR to a gator binary of Gatekeeper 3.19 or later",
  "cel-oracle": "run scripts/install-tools.sh (it builds test/cel-oracle with Go), or set RAMPART_CEL_ORACLE",
  "kube-apiserver":
    "run scripts/install-tools.sh (it builds test/kube-apiserver, the API server with etcd inside, with Go), or set RAMPART_KUBE_APISERVER",
};

export class ToolMissingError extends Error {
  constructor(readonly tool: ToolName) {
    super(`${tool} was not found: ${INSTALL_HINT[tool]}`);
    this.name = "ToolMissingError";
  }
}

/** The tool's path: $RAMPART_<TOOL>, then .cache/bin of the project, then PATH. */
export function findTool(tool: ToolName): string {
  const fromEnv = process.env[`RAMPART_${tool.toUpperCase().replace(/-/g, "_")}`];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const cached = path.join(PROJECT_ROOT, ".cache", "bin", tool);
  if (existsSync(cached)) return cached;
  const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" });
  if (found.status === 0 && found.stdout.trim() !== "") return found.stdout.trim();
  throw new ToolMissingError(tool);
}

/** Whether `tool` can be run here. */
export function toolAvailable(tool: ToolName): boolean {
  try {
    findTool(tool);
    return true;
  } catch (error) {
    if (error instanceof ToolMissingError) return false;
    throw error;
  }
}

export interface ToolResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tool to completion; never throws for a non-zero exit (the caller decides). */
export function runTool(
  tool: ToolName,
  args: readonly string[],
  options: { input?: string; cwd?: string } = {},
): ToolResult {
  const result = spawnSync(findTool(tool), args, { encoding: "utf8", maxBuffer: 1 << 30, ...options });
  if (result.error !== undefined) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
