// Node facts (Kubescape's host data) as a scan reads them: embedded file contents decoded once,
// with a size limit, a broken one an error of its object (never a crash); the node controls
// skipped, with the reason, on an input without node facts; the examples of two nodes judged.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { decodeContent, MAX_CONTENT_CHARS, withNodeFactsDecoded } from "../../runtime/input/host-data.js";
import { loadInputs } from "../../runtime/input/load.js";
import { shapeProblem } from "../../runtime/input/shape.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { EXAMPLES, jsonOf, tempFolder } from "../support/cli.js";

const { file } = tempFolder("rampart-node-facts-");
const b64 = (text: string) => Buffer.from(text).toString("base64");
const kubelet = (name: string, content: string | undefined) => ({
  apiVersion: "hostdata.kubescape.cloud/v1beta0",
  kind: "KubeletInfo",
  metadata: { name },
  data: {
    cmdLine: "/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml",
    configFile: {
      path: "/var/lib/kubelet/config.yaml",
      permissions: 384,
      ...(content === undefined ? {} : { content }),
    },
  },
});
const result = (report: JsonReport, id: string) => report.results.find((entry) => entry.controlID === id);

describe("decodeContent", () => {
  it("reads base64 of a YAML (or JSON) mapping, line breaks ignored, as YAML 1.1", () => {
    expect(decodeContent(b64("readOnlyPort: 0\nauthentication:\n  anonymous:\n    enabled: false\n"))).toEqual({
      mapping: { readOnlyPort: 0, authentication: { anonymous: { enabled: false } } },
    });
    expect(decodeContent(b64('{"eventRecordQPS": 5}').replace(/(.{8})/g, "$1\n"))).toEqual({
      mapping: { eventRecordQPS: 5 },
    });
    // YAML 1.1, as the kubelet's sigs.k8s.io/yaml reads it: 0644 is octal.
    expect(decodeContent(b64("mode: 0644\n"))).toEqual({ mapping: { mode: 420 } });
  });

  it("names what is wrong, never throws", () => {
    const problem = (content: string) => ("problem" in decodeContent(content) ? "problem" : "mapping");
    expect(problem("not base64!")).toBe("problem");
    expect(problem(b64("- a list\n"))).toBe("problem");
    expect(problem(b64("a: [unclosed\n"))).toBe("problem");
    expect(problem(b64("a: 1\na: 2\n"))).toBe("problem");
    expect(problem(b64("just text"))).toBe("problem");
    expect(problem("A".repeat(MAX_CONTENT_CHARS + 4))).toBe("problem");
    expect(decodeContent("A".repeat(MAX_CONTENT_CHARS + 4))).toEqual({
      problem: `expected at most ${MAX_CONTENT_CHARS} characters of base64, found ${MAX_CONTENT_CHARS + 4}`,
    });
  });

  it("bounds YAML aliases (a billion laughs is an error, not an explosion)", () => {
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const next = String.fromCharCode(97 + level);
      laughs.push(
        `${next}: &${next} [*${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}]`,
      );
    }
    expect("problem" in decodeContent(b64(`${laughs.join("\n")}\n`))).toBe(true);
  });
});

describe("node facts in the shape check", () => {
  it("reports a content that does not decode, or a decoded field of the wrong type, at the content", () => {
    expect(shapeProblem(kubelet("n", "not base64!"))).toEqual({
      path: "data.configFile.content",
      message: "expected base64 (standard alphabet, padded), found other text",
    });
    expect(shapeProblem(kubelet("n", b64("readOnlyPort: zero\n")))).toEqual({
      path: "data.configFile.content",
      message: "the file it encodes has readOnlyPort: expected an integer, found a string",
    });
    expect(shapeProblem({ ...kubelet("n", undefined), data: { configFile: { permissions: 999999 } } })).toEqual({
      path: "data.configFile.permissions",
      message: "expected permission bits (an integer from 0 to 4095, 0o7777), found a number",
    });
    expect(shapeProblem(kubelet("n", b64("readOnlyPort: 0\n")))).toBeUndefined();
  });

  it("is decoded once by the loader, a `decoded` given replaced", () => {
    const path = file(
      "facts.yaml",
      stringify({
        ...kubelet("n", b64("readOnlyPort: 0\n")),
        data: { ...kubelet("n", b64("readOnlyPort: 0\n")).data },
      }),
    );
    const [loaded] = loadInputs([path]).objects;
    expect((loaded?.object.data as { configFile: { decoded: unknown } } | undefined)?.configFile.decoded).toEqual({
      readOnlyPort: 0,
    });
    const forged = { ...kubelet("n", undefined) };
    (forged.data.configFile as Record<string, unknown>).decoded = { readOnlyPort: 0 };
    expect(withNodeFactsDecoded(forged).data.configFile).not.toHaveProperty("decoded");
  });
});

describe("a scan with node facts", () => {
  it("makes a broken content an error of its node for the kubelet's controls, and judges the other nodes", async () => {
    const facts = file(
      "broken.yaml",
      [kubelet("node-broken", "@@@"), kubelet("node-ok", b64("readOnlyPort: 0\n"))]
        .map((o) => stringify(o))
        .join("---\n"),
    );
    const report = await jsonOf(["scan", "control", "C-0175", facts]);
    const resources = result(report, "C-0175")?.resources ?? [];
    expect(resources.find((entry) => entry.name === "node-broken")).toMatchObject({ status: "error" });
    expect(resources.find((entry) => entry.name === "node-ok")).toMatchObject({ status: "passed" });
  });

  it("skips the node controls without node facts, with the reason", async () => {
    const report = await jsonOf(["scan", "framework", "cis-v1.23-t1.0.1", path.join(EXAMPLES, "web-app.yaml")]);
    for (const id of ["C-0092", "C-0172", "C-0205", "C-0161"])
      expect(result(report, id)).toMatchObject({
        status: "skipped",
        statusReason: "needs node facts (run rampart collect node)",
      });
  });

  it("judges the example nodes: the hardened control-plane node passes, the worker fails where it is weak", async () => {
    const report = await jsonOf(["scan", "framework", "cis-v1.23-t1.0.1", path.join(EXAMPLES, "nodes")]);
    const failing = (id: string) =>
      (result(report, id)?.resources ?? []).filter((entry) => entry.status === "failed").map((entry) => entry.name);
    for (const id of [
      "C-0162",
      "C-0170",
      "C-0175",
      "C-0176",
      "C-0179",
      "C-0180",
      "C-0168",
      "C-0169",
      "C-0100",
      "C-0164",
    ])
      expect(failing(id), id).toEqual(["worker-a"]);
    for (const id of ["C-0092", "C-0104", "C-0110", "C-0141", "C-0142", "C-0161", "C-0172", "C-0173"])
      expect(failing(id), id).toEqual([]);
    // Controls of the control plane's files: the worker has none; they judge cp-b only.
    expect(result(report, "C-0104")?.resources.map((entry) => entry.name)).toEqual(["cp-b"]);
  });
});
