// `rampart test [dir]`: runs a policy project's fixtures (or, with --builtin, the built-in
// controls' own) through every engine: the TypeScript check, policy.wasm, and the admission
// policy where CEL can express the control. Prints pass/fail per case and, where the engines
// disagree, each engine's verdict; --junit writes JUnit XML for CI.

import { readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { toolAvailable } from "../../../compiler/tools.js";
import type { Control } from "../../../dsl/index.js";
import { BUILTIN_CONTROLS } from "../../../frameworks/index.js";
import { GENERATED_DIR } from "../../generated.js";
import { startTag, xmlText } from "../../report/xml.js";
import { type EngineRun, FixtureEngines } from "../../testing/engines.js";
import { BUILTIN_FIXTURE_DIR, type ConcreteCase, loadFixtures } from "../../testing/fixtures.js";
import { gatekeeperFiles, runGator } from "../../testing/gator.js";
import { type ExpectationResult, type NamedEngine, runFixtures } from "../../testing/run.js";
import { controlSource } from "../controls.js";
import { type CliIo, EXIT, UsageError, writeFileAtomically } from "../io.js";

interface TestFlags {
  readonly builtin?: boolean;
  readonly fixtures?: string;
  readonly junit?: string;
}

export function registerTest(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("test [dir]")
    .description(
      "run a policy project's fixtures through every engine (TypeScript, policy.wasm, admission policy, Gatekeeper template) and report each case",
    )
    .option("--builtin", "run the built-in controls' fixtures instead")
    .option("--fixtures <dir>", "fixture folder (default: fixtures/ of the project)")
    .option("--junit <file>", "also write the results as JUnit XML")
    .action(async (dir: string | undefined, flags: TestFlags) => setExit(await runTest(io, dir ?? ".", flags)));
}

interface Setup {
  readonly controls: ReadonlyMap<string, Control>;
  readonly generated: string;
  readonly fixtures: string;
  readonly withWasm: boolean;
  readonly withGator: boolean;
}

async function setup(io: CliIo, dir: string, flags: TestFlags): Promise<Setup> {
  if (flags.builtin === true) {
    return {
      controls: new Map(BUILTIN_CONTROLS.map((control) => [control.id, control])),
      generated: GENERATED_DIR,
      fixtures: flags.fixtures ?? BUILTIN_FIXTURE_DIR,
      withWasm: true,
      withGator: gatorAvailable(io),
    };
  }
  const withWasm = toolAvailable("opa");
  const { project, compiled, library } = await controlSource(dir, { withOpa: withWasm });
  const fixtures = flags.fixtures ?? project.fixturesDir;
  if (fixtures === undefined)
    throw new UsageError(`no fixtures: ${project.root} has no fixtures/ folder (or give --fixtures)`);
  if (!withWasm)
    io.stderr("rampart: warning: OPA is not installed: policy.wasm is not tested, only TypeScript and CEL\n");
  return { controls: library.controls, generated: compiled, fixtures, withWasm, withGator: gatorAvailable(io) };
}

/** Whether Gatekeeper's gator can run the exported templates; says so when it cannot. */
function gatorAvailable(io: CliIo): boolean {
  const available = toolAvailable("gator");
  if (!available)
    io.stderr(
      "rampart: note: gator is not installed: the Gatekeeper templates are not tested (scripts/install-tools.sh installs it)\n",
    );
  return available;
}

function engines(setup: Setup): NamedEngine[] {
  const fixtureEngines = new FixtureEngines(setup.controls, setup.generated);
  return [
    { name: "typescript", covers: () => true, run: (run) => ({ verdicts: fixtureEngines.typescript(run) }) },
    ...(setup.withWasm
      ? [{ name: "wasm", covers: () => true, run: (run: EngineRun) => ({ verdicts: fixtureEngines.wasm(run) }) }]
      : []),
    {
      name: "cel",
      covers: (id: string) => fixtureEngines.policyFile(id) !== undefined,
      // The verdicts, and the message each denial gives: the one the check's violations make.
      run: (run) => {
        const { verdicts, decisions } = fixtureEngines.cel(run);
        return { verdicts, problems: fixtureEngines.denyMessageProblems(run, decisions) };
      },
    },
    ...(setup.withGator
      ? [
          {
            name: "gator",
            covers: (id: string) => gatekeeperFiles(setup.generated, id) !== undefined,
            run: (run: EngineRun) => ({ verdicts: runGator(run, setup.generated) }),
          },
        ]
      : []),
  ];
}

async function runTest(io: CliIo, dir: string, flags: TestFlags): Promise<number> {
  const ready = await setup(io, dir, flags);
  const cases = loadFixtures(ready.fixtures, (id) => ready.controls.get(id)?.parameters);
  const unknown = [...new Set(cases.map((entry) => entry.control))].filter((id) => !ready.controls.has(id));
  if (unknown.length > 0) throw new UsageError(`fixtures name unknown controls: ${unknown.join(", ")}`);
  const manifest = JSON.parse(readFileSync(path.join(ready.generated, "manifest.json"), "utf8")) as {
    controls: Array<{ id: string; scope: string }>;
  };
  const crossResource = new Set(manifest.controls.filter((c) => c.scope === "cross-resource").map((c) => c.id));
  const results = runFixtures(cases, engines(ready), (id) => crossResource.has(id));
  io.stdout(summary(results, ready.controls));
  if (flags.junit !== undefined) writeFileAtomically(flags.junit, junit(results));
  return results.some((result) => result.problems.length > 0) ? EXIT.gateFailed : EXIT.ok;
}

/** Results per control, then per case: a case passes when every object of it does. */
function byCase(results: readonly ExpectationResult[]): Map<string, Map<ConcreteCase, ExpectationResult[]>> {
  const grouped = new Map<string, Map<ConcreteCase, ExpectationResult[]>>();
  for (const result of results) {
    const cases = grouped.get(result.case.control) ?? new Map<ConcreteCase, ExpectationResult[]>();
    cases.set(result.case, [...(cases.get(result.case) ?? []), result]);
    grouped.set(result.case.control, cases);
  }
  return grouped;
}

function summary(results: readonly ExpectationResult[], controls: ReadonlyMap<string, Control>): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const [id, cases] of byCase(results)) {
    lines.push(`${id} ${controls.get(id)?.name ?? ""}`);
    for (const [entry, expectations] of cases) {
      const broken = expectations.filter((result) => result.problems.length > 0);
      const engines = [...new Set(expectations.flatMap((result) => [...result.verdicts.keys()]))].join(", ");
      if (broken.length === 0) {
        passed++;
        lines.push(`  ✓ ${entry.name} (${expectations.length} object(s); ${engines})`);
        continue;
      }
      failed++;
      lines.push(`  ✗ ${entry.name}`);
      for (const result of broken) {
        for (const problem of result.problems) lines.push(`      ${result.expectation.label}: ${problem}`);
      }
    }
  }
  lines.push("", `${passed} case(s) passed, ${failed} failed`);
  return `${lines.join("\n")}\n`;
}

function junit(results: readonly ExpectationResult[]): string {
  const suites = [...byCase(results)].map(([id, cases]) => {
    const testcases = [...cases].flatMap(([entry, expectations]) =>
      expectations.map((result) => {
        const name = `${entry.name} › ${result.expectation.label}`;
        const open = startTag("testcase", { classname: id, name });
        if (result.problems.length === 0) return `    ${open} />`;
        const message = result.problems.join("\n");
        return `    ${open}>\n      ${startTag("failure", { message: result.problems[0] ?? "" })}>${xmlText(message)}</failure>\n    </testcase>`;
      }),
    );
    const failures = [...cases].flatMap(([, expectations]) => expectations).filter((r) => r.problems.length > 0).length;
    return `  ${startTag("testsuite", { name: id, tests: testcases.length, failures })}>\n${testcases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="rampart test">\n${suites.join("\n")}\n</testsuites>\n`;
}
