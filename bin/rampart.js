#!/usr/bin/env node
// Entry point of the `rampart` command (compiled sources live in dist/).
import { readFileSync } from "node:fs";
import { main } from "../dist/runtime/cli/main.js";

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: () => readFileSync(0),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
});
