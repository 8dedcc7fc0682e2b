#!/usr/bin/env node
// Entry point of the `rampart` command: the CLI bundled by `npm run build` (scripts/bundle.ts).
import { fstatSync, readFileSync } from "node:fs";
import { main } from "../dist/bundle/main.js";

/** Standard input is a pipe or a file (not a terminal, not /dev/null, not closed). */
function stdinPiped() {
  try {
    const stats = fstatSync(0);
    return stats.isFIFO() || stats.isFile() || stats.isSocket();
  } catch {
    return false;
  }
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: () => readFileSync(0),
  stdinPiped: stdinPiped(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
});
