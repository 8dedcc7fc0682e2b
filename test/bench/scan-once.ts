// One measured scan in a fresh process: prints {seconds, maxRssMiB} as JSON on stdout.
import { main } from "../../runtime/cli/main.js";

const started = process.hrtime.bigint();
const code = await main(process.argv.slice(2), {
  stdout: () => {},
  stderr: (text) => process.stderr.write(text),
  stdin: () => Buffer.alloc(0),
  stdoutIsTTY: false,
  stderrIsTTY: false,
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`${JSON.stringify({ code, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
