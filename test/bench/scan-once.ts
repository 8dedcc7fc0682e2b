// One measured command in a fresh process: `rampart <args>` (or, with `json-parse <file>` as its
// arguments, a bare JSON.parse of the file), printing {code, seconds, cpuSeconds, maxRssMiB} as
// JSON on stdout. Worker threads are part of the process: their memory and CPU time count.
import { readFileSync } from "node:fs";
import { main } from "../../runtime/cli/main.js";

const args = process.argv.slice(2);
const started = process.hrtime.bigint();
let code = 0;
if (args[0] === "json-parse") JSON.parse(readFileSync(args[1] as string, "utf8"));
else
  code = await main(args, {
    stdout: () => {},
    stderr: (text) => process.stderr.write(text),
    stdin: () => Buffer.alloc(0),
    stdoutIsTTY: false,
    stderrIsTTY: false,
  });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const usage = process.resourceUsage();
process.stdout.write(
  `${JSON.stringify({ code, seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMiB: usage.maxRSS / 1024 })}\n`,
);
