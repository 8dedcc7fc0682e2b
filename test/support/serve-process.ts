// `rampart serve` as a process (the TypeScript sources through tsx, or the bundled bin/rampart.js),
// as the tests that kill it, stop it with SIGTERM or point it at a real API server run it.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT } from "../../compiler/tools.js";

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `rampart serve …args`; resolves once it listens. `children` collects it for cleanup.
 * `bundled`: bin/rampart.js (the bundle `npm run build` makes) instead of the sources.
 */
export async function serveProcess(
  args: readonly string[],
  children: ChildProcess[],
  options: { readonly bundled?: boolean } = {},
): Promise<ServeProcess> {
  const command = options.bundled
    ? [path.join(PROJECT_ROOT, "bin/rampart.js")]
    : ["--import", "tsx", path.join(PROJECT_ROOT, "test/support/rampart-bin.ts")];
  const child = spawn(process.execPath, [...command, "serve", ...args], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    const match = /listening on (http:\/\/\S+);/.exec(output);
    if (match !== null) return { child, url: match[1] as string, output: () => output, exited };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
