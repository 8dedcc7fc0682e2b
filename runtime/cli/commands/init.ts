// `rampart init [dir]`: scaffolds a policy project — an example control with fixtures that pass
// and fail, a framework mixing it with built-in controls, tsconfig, package.json and a README.
// Works offline: the project links to this Rampart (node_modules/rampart) instead of a registry.
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { PROJECT_ROOT } from "../../../compiler/tools.js";
import { type CliIo, EXIT, UsageError } from "../io.js";
import { PROJECT_TEMPLATE } from "../templates/project.js";

export function registerInit(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("init [dir]")
    .description("scaffold a policy project: an example control, its fixtures, a framework, tsconfig and README")
    .option("--force", "write into a folder that is not empty")
    .action((dir: string | undefined, flags: { force?: boolean }) =>
      setExit(runInit(io, dir ?? ".", flags.force === true)),
    );
}

function link(target: string, at: string): void {
  if (existsSync(at)) return;
  mkdirSync(path.dirname(at), { recursive: true });
  symlinkSync(target, at);
}

function runInit(io: CliIo, dir: string, force: boolean): number {
  const root = path.resolve(dir);
  if (existsSync(root) && readdirSync(root).length > 0 && !force) {
    throw new UsageError(`${dir} is not empty (use --force to write into it anyway)`);
  }
  const name =
    path
      .basename(root)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-") || "my-policies";
  for (const [file, content] of Object.entries(PROJECT_TEMPLATE({ name, rampart: PROJECT_ROOT }))) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  // What `npm install` would make of the file: dependency, so that `npx rampart` and
  // `import … from "rampart/dsl"` work at once, offline.
  link(PROJECT_ROOT, path.join(root, "node_modules", "rampart"));
  link(path.join(PROJECT_ROOT, "bin", "rampart.js"), path.join(root, "node_modules", ".bin", "rampart"));
  io.stdout(
    `created a policy project in ${dir}\n  next: cd ${dir} && npx rampart test   (then edit controls/ and fixtures/)\n`,
  );
  return EXIT.ok;
}
