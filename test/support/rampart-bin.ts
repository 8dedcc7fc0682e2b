// `bin/rampart.js` on the TypeScript sources, for tests that need a real process (signals,
// kill -9): `node --import tsx test/support/rampart-bin.ts serve …`.
import { readFileSync } from "node:fs";
import { main } from "../../runtime/cli/main.js";

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: () => readFileSync(0),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
});
