// Bundles the CLI into dist/bundle (run by `npm run build`): one module per command and a few
// shared chunks instead of some 400 files. Loading the modules one by one was most of the start
// of a one-file scan (0.40 s of CPU, 0.22 s bundled). Packages stay in node_modules; the scan and
// serve workers are entry points beside the chunks, where engine/pool.ts and server/runner.ts
// look for them.
import path from "node:path";
import { build } from "esbuild";
import { PROJECT_ROOT } from "../compiler/tools.js";

export const BUNDLE_DIR = path.join(PROJECT_ROOT, "dist", "bundle");

const ENTRY_POINTS = ["runtime/cli/main.ts", "runtime/engine/pool-worker.ts", "runtime/server/scan-worker.ts"];

export async function bundleCli(outdir = BUNDLE_DIR): Promise<void> {
  await build({
    entryPoints: ENTRY_POINTS.map((entry) => path.join(PROJECT_ROOT, entry)),
    outdir,
    entryNames: "[name]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await bundleCli();
  console.log(`bundled the CLI into ${path.relative(PROJECT_ROOT, BUNDLE_DIR)}`);
}
