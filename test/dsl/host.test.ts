// The node-facts helpers of dsl/host.ts, and their Rego in the library (compiler/backends/rego/lib-host.ts):
// the same answers on the same values (CEL has none: node facts never reach the API server).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LIB_REGO } from "../../compiler/backends/rego/lib.js";
import { runTool } from "../../compiler/tools.js";
import { lineFlag, lineFlags, modeWithin, octalMode } from "../../dsl/index.js";

const KUBELET = "/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml --anonymous-auth=false";

describe("lineFlags", () => {
  it("reads flags of a command line recorded as one string, every path the line's field", () => {
    expect(lineFlag(KUBELET, "data.cmdLine", "--config")).toEqual({
      name: "--config",
      value: "/var/lib/kubelet/config.yaml",
      items: ["/var/lib/kubelet/config.yaml"],
      path: "data.cmdLine",
      separate: false,
    });
    expect(lineFlag(KUBELET, "data.cmdLine", "--read-only-port")).toEqual({
      name: "--read-only-port",
      value: undefined,
      items: [],
      path: "data.cmdLine",
      separate: false,
    });
  });

  it("splits at spaces, several in a row as one, and reads a value given as the next element", () => {
    const flags = lineFlags("kubelet  --hostname-override   node-1 --feature-gates=A=true,B=false", "p", [
      "--hostname-override",
      "--feature-gates",
    ]);
    expect(flags.map((flag) => [flag.value, flag.separate])).toEqual([
      ["node-1", true],
      ["A=true,B=false", false],
    ]);
    expect(flags[1]?.items).toEqual(["A=true", "B=false"]);
  });

  it("reads a missing line as one without flags", () => {
    expect(lineFlag(undefined, "data.cmdLine", "--config").value).toBeUndefined();
    expect(lineFlag("", "data.cmdLine", "--config").value).toBeUndefined();
  });
});

describe("modeWithin and octalMode", () => {
  it("grants nothing beyond the maximum", () => {
    expect(modeWithin(0o600, 0o600)).toBe(true);
    expect(modeWithin(0o400, 0o600)).toBe(true);
    expect(modeWithin(0o640, 0o644)).toBe(true);
    expect(modeWithin(0o644, 0o600)).toBe(false);
    expect(modeWithin(0o604, 0o600)).toBe(false);
    expect(modeWithin(0o4600, 0o600)).toBe(false);
    expect(modeWithin(0, 0o600)).toBe(true);
  });

  it("writes permission bits as chmod takes them", () => {
    expect(octalMode(0o644)).toBe("644");
    expect(octalMode(0o4755)).toBe("4755");
    expect(octalMode(0)).toBe("0");
  });
});

/** `opa eval` of a Rego expression with the library loaded. */
function regoValue(expression: string): unknown {
  const work = mkdtempSync(path.join(tmpdir(), "rampart-host-"));
  try {
    writeFileSync(path.join(work, "lib.rego"), LIB_REGO);
    const result = runTool("opa", ["eval", "--format", "json", "-d", work, expression]);
    if (result.status !== 0) throw new Error(result.stderr);
    return (JSON.parse(result.stdout) as { result: Array<{ expressions: Array<{ value: unknown }> }> }).result[0]
      ?.expressions[0]?.value;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** JSON as both sides write it: a missing value (undefined in TypeScript, null in Rego) left out. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, field) => (field === null ? undefined : field)));
}

describe("the Rego of the node-facts helpers", () => {
  const LINES = [
    KUBELET,
    "kubelet  --hostname-override   node-1 --feature-gates=A=true,B=false --hostname-override=node-2",
    "kubelet --anonymous-auth --authorization-mode Webhook -v=2",
    "",
  ];
  const NAMES = [
    "--config",
    "--anonymous-auth",
    "--hostname-override",
    "--feature-gates",
    "--authorization-mode",
    "--v",
  ];

  it("reads every line as lineFlags does", () => {
    const expression = `[lib.line_flags(line, "data.cmdLine", ${JSON.stringify(NAMES)}) | some line in ${JSON.stringify(LINES)}]`;
    const value = regoValue(expression.replaceAll("lib.", "data.rampart.lib."));
    expect(plain(value)).toEqual(plain(LINES.map((line) => lineFlags(line, "data.cmdLine", NAMES))));
    expect(plain(regoValue(`data.rampart.lib.line_flags(null, "p", ["--config"])`))).toEqual(
      plain(lineFlags(undefined, "p", ["--config"])),
    );
  });

  it("judges and prints modes as modeWithin and octalMode do", () => {
    const pairs = [
      [0o600, 0o600],
      [0o400, 0o600],
      [0o644, 0o600],
      [0o4600, 0o600],
      [0o750, 0o700],
      [0, 0o644],
    ];
    const value = regoValue(
      `[[data.rampart.lib.mode_within(m, x), data.rampart.lib.octal_mode(m)] | some pair in ${JSON.stringify(pairs)}; m := pair[0]; x := pair[1]]`,
    );
    expect(value).toEqual(
      pairs.map(([mode, maximum]) => [modeWithin(mode as number, maximum as number), octalMode(mode as number)]),
    );
  });
});
