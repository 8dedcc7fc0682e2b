// One escaping function per target, proven on hostile strings by the target's own parser:
// OPA evaluates the Rego literal, cel-js evaluates the CEL literal, and both give the string back.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { evaluate } from "@marcbachmann/cel-js";
import { describe, expect, it } from "vitest";
import { celString } from "../../compiler/backends/cel/escape.js";
import { regoString } from "../../compiler/backends/rego/escape.js";
import { runTool } from "../../compiler/tools.js";

const HOSTILE = [
  "",
  'say "hi"',
  "back\\slash\\",
  "line\nbreak\r\n",
  "tab\there",
  "single ' quote",
  '"""triple"""',
  "\u0000nul and \u0001 and \u007f delete",
  "\u2028line separator\u2029",
  "accents: é, ß, 中文, emoji 😀",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile string on purpose
  "${template} %s %v {{go}}",
  "\\x41 \\u0041 not escapes",
  "ends with backslash \\",
];

describe("regoString", () => {
  it("writes literals OPA reads back unchanged", () => {
    const work = mkdtempSync(path.join(tmpdir(), "rampart-escape-"));
    try {
      const module = `package escape\n\nvalues := [${HOSTILE.map(regoString).join(", ")}]\n`;
      writeFileSync(path.join(work, "escape.rego"), module);
      const result = runTool("opa", ["eval", "--format", "json", "-d", work, "data.escape.values"]);
      expect(result.stderr).toBe("");
      const parsed = JSON.parse(result.stdout) as { result: Array<{ expressions: Array<{ value: string[] }> }> };
      expect(parsed.result[0]?.expressions[0]?.value).toEqual(HOSTILE);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("refuses a lone surrogate rather than writing something else", () => {
    expect(() => regoString("broken \ud800")).toThrow(/lone surrogate/);
  });
});

describe("celString", () => {
  it.each(HOSTILE)("round-trips %j through cel-js", (value) => {
    expect(evaluate(celString(value))).toBe(value);
  });

  it("refuses a lone surrogate rather than writing something else", () => {
    expect(() => celString("broken \udfff")).toThrow(/lone surrogate/);
  });
});
