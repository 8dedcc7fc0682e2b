// Writes a whole output tree at once: everything goes to a sibling folder first and replaces
// the old tree only when complete, so an interrupted compile never leaves half an output.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export type OutputTree = ReadonlyMap<string, string | Uint8Array>;

export function writeTree(outDir: string, files: OutputTree): void {
  const target = path.resolve(outDir);
  const staging = `${target}.tmp-${process.pid}`;
  const previous = `${target}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const [relative, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const file = path.join(staging, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  if (existsSync(target)) renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
}
