// bin/rampart.js runs the bundle `npm run build` makes (scripts/bundle.ts): built afresh here, it
// reports what the sources report, in process, on worker threads and as `rampart serve`.
import { type ChildProcess, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { bundleCli } from "../../scripts/bundle.js";
import { syntheticCluster } from "../bench/synthetic-cluster.js";
import { EXAMPLES, tempFolder } from "../support/cli.js";
import { TOKEN } from "../support/serve.js";
import { serveProcess } from "../support/serve-process.js";
import { rampart } from "./run-cli.js";

const work = tempFolder("rampart-bundle-");
const children: ChildProcess[] = [];
const bin = path.join(PROJECT_ROOT, "bin", "rampart.js");

/** `node bin/rampart.js …args`, which must exit 0: its standard output. */
function bundled(args: readonly string[]): string {
  return execFileSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
}

const withoutDate = (report: string) => report.replace(/"scanDate":"[^"]*"/, "");

beforeAll(() => bundleCli());

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("the bundled CLI", () => {
  it("prints the package's version", () => {
    const { version } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    expect(bundled(["--version"]).trim()).toBe(version);
  });

  it("writes the report the sources write", async () => {
    const args = ["scan", "framework", "nsa,devopsbest", EXAMPLES, "--format", "json"];
    const sources = await rampart(args);
    expect(withoutDate(bundled(args))).toBe(withoutDate(sources.stdout));
    expect(sources.stdout).toContain('"controlID":"C-0057"');
  });

  it("evaluates on its worker threads what it evaluates in process", () => {
    const dump = work.file("cluster.json", JSON.stringify(syntheticCluster(1_200)));
    const args = ["scan", "framework", "nsa,mitre", dump, "--format", "json"];
    const inProcess = bundled([...args, "--workers", "1"]);
    expect(withoutDate(bundled([...args, "--workers", "2"]))).toBe(withoutDate(inProcess));
    expect(inProcess).toContain('"failed":');
  });

  it("runs scans as rampart serve, on its scan worker", async () => {
    const token = work.file("token", `${TOKEN}\n`);
    const serve = await serveProcess(
      ["--db", work.file("history.db"), "--token-file", token, "--listen", "127.0.0.1:0", EXAMPLES],
      children,
      { bundled: true },
    );
    const headers = { authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${serve.url}/v1/scans`, { method: "POST", headers })).status).toBe(202);
    const deadline = Date.now() + 120_000;
    let scans: Array<{ score: number }> = [];
    while (scans.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      scans = ((await (await fetch(`${serve.url}/v1/scans`, { headers })).json()) as { scans: typeof scans }).scans;
    }
    expect(scans, serve.output()).toHaveLength(1);
    expect(scans[0]?.score).toBeGreaterThan(0);
  });
});
