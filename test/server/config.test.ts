// The serve configuration: the article's ConfigMap as written, YAML too, and every refusal naming
// the file, the line and the field.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../runtime/config/source-errors.js";
import { nextRun, readServeConfig } from "../../runtime/server/config.js";
import { rampart } from "../e2e/run-cli.js";
import { tempFolder } from "../support/cli.js";

const work = tempFolder("rampart-serve-config-");

// The `config.json` of the article's ConfigMap, verbatim.
const ARTICLE = `{
  "scan": {
    "scanSchedule": "0 2 * * *",
    "frameworks": ["nsa", "mitre", "cis-v1.23-t1.0.1"],
    "scanScope": {
      "includeNamespaces": ["production", "staging"],
      "excludeNamespaces": ["kube-system"]
    }
  }
}
`;

function refusal(name: string, text: string): string {
  const file = work.file(name, text);
  try {
    readServeConfig(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.replace(file, "FILE");
  }
  throw new Error("accepted");
}

describe("readServeConfig", () => {
  it("reads the article's ConfigMap as written, at 02:00 UTC", () => {
    const config = readServeConfig(work.file("config.json", ARTICLE));
    expect(config).toMatchObject({
      schedule: "0 2 * * *",
      timeZone: "UTC",
      frameworks: ["nsa", "mitre", "cis-v1.23-t1.0.1"],
      includeNamespaces: ["production", "staging"],
      excludeNamespaces: ["kube-system"],
      exceptions: [],
      controlsConfig: undefined,
    });
    expect(nextRun("0 2 * * *", config.timeZone, new Date("2026-03-01T02:00:00Z"))?.toISOString()).toBe(
      "2026-03-02T02:00:00.000Z",
    );
  });

  it("takes a time zone, exception files and a controls config relative to itself, and retention (YAML)", () => {
    const file = work.file(
      "serve.yaml",
      `scan:
  scanSchedule: "30 1 * * 1-5"
  timeZone: Europe/Paris
  exceptions: [exceptions.yaml, more/exceptions.json]
  controlsConfig: controls.yaml
  clusterName: production-cluster
history:
  retention: { maxScans: 500, maxAgeDays: 90 }
`,
    );
    const config = readServeConfig(file);
    expect(config.exceptions).toEqual([work.file("exceptions.yaml"), work.file("more/exceptions.json")]);
    expect(config.controlsConfig).toBe(work.file("controls.yaml"));
    expect(config.retention).toEqual({ maxScans: 500, maxAgeDays: 90 });
    expect(config.clusterName).toBe("production-cluster");
    // 01:30 in Paris in winter is 00:30 UTC.
    expect(nextRun(config.schedule as string, config.timeZone, new Date("2026-01-05T00:00:00Z"))?.toISOString()).toBe(
      "2026-01-05T00:30:00.000Z",
    );
  });

  it("reads empty namespace lists as no filter, as the operator does", () => {
    const config = readServeConfig(
      work.file("empty.json", '{"scan": {"scanScope": {"includeNamespaces": [], "excludeNamespaces": []}}}'),
    );
    expect(config.includeNamespaces).toBeUndefined();
    expect(config.excludeNamespaces).toBeUndefined();
  });

  it("refuses each mistake with the file, line and field", () => {
    expect(refusal("cron.json", '{\n  "scan": {\n    "scanSchedule": "0 2 * *"\n  }\n}')).toMatch(
      /^FILE:3: scan\.scanSchedule: "0 2 \* \*" is not a cron expression: /,
    );
    expect(refusal("hour.json", '{"scan": {"scanSchedule": "0 24 * * *"}}')).toBe(
      'FILE:1: scan.scanSchedule: "0 24 * * *" is not a cron expression: Invalid value for hour: 24',
    );
    expect(refusal("zone.json", '{"scan": {\n"timeZone": "Mars/Olympus"}}')).toBe(
      'FILE:2: scan.timeZone: unknown time zone "Mars/Olympus" (an IANA name such as Europe/Paris, or UTC)',
    );
    expect(refusal("framework.json", '{"scan": {"frameworks": ["nsa",\n "mitr"]}}')).toMatch(
      /^FILE:2: scan\.frameworks: unknown framework "mitr" \(did you mean mitre\?\); known: /,
    );
    expect(refusal("typo.json", '{"scan": {\n  "scanSchedul": "0 2 * * *"}}')).toBe(
      'FILE:2: unknown field "scan.scanSchedul" (did you mean scanSchedule?)',
    );
    expect(refusal("top.json", '{"scans": {}}')).toBe('FILE:1: unknown field "scans" (did you mean scan?)');
    expect(refusal("scope.json", '{"scan": {"scanScope": {"includeNamespaces": "production"}}}')).toBe(
      "FILE:1: scan.scanScope.includeNamespaces is a list of strings",
    );
    expect(refusal("ns.json", '{"scan": {"scanScope": {"excludeNamespaces": [\n  1]}}}')).toBe(
      "FILE:2: each entry of scan.scanScope.excludeNamespaces is a string",
    );
    expect(refusal("none.json", '{"scan": {"frameworks": []}}')).toBe(
      "FILE:1: scan.frameworks: name at least one framework",
    );
    expect(refusal("retention.json", '{"history": {"retention": {"maxScans": 0}}}')).toBe(
      "FILE:1: history.retention.maxScans is a whole number above 0",
    );
    expect(refusal("schedule-type.json", '{"scan": {"scanSchedule": 2}}')).toBe(
      "FILE:1: scan.scanSchedule is a string",
    );
    expect(refusal("duplicate.json", '{"scan": {},\n "scan": {}}')).toMatch(/^FILE:2: duplicate key "scan"/);
    expect(refusal("syntax.json", '{"scan": {\n  "frameworks": ["nsa",\n}')).toMatch(/^FILE:\d: /);
  });

  it("names a missing file", () => {
    expect(() => readServeConfig(work.file("missing.json"))).toThrow(
      /^cannot read serve configuration .*missing\.json/,
    );
  });
});

describe("rampart serve at start", () => {
  it("refuses exceptions and a controls config the configuration names, before listening", async () => {
    const token = work.file("token", "0123456789abcdef0123456789\n");
    work.file("bad-exceptions.yaml", "exceptions:\n  - name: x\n    policyName: C-0016\n    justifcation: typo\n");
    const withExceptions = work.file("with-exceptions.json", '{"scan": {"exceptions": "bad-exceptions.yaml"}}');
    const run = await rampart([
      "serve",
      "--config",
      withExceptions,
      "--token-file",
      token,
      "--listen",
      "127.0.0.1:0",
      "x",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^rampart: .*bad-exceptions\.yaml:4: .*justifcation/);
    work.file("bad-controls.yaml", "controls:\n  C-9999: { action: warn }\n");
    const withControls = work.file("with-controls.json", '{"scan": {"controlsConfig": "bad-controls.yaml"}}');
    const controls = await rampart([
      "serve",
      "--config",
      withControls,
      "--token-file",
      token,
      "--listen",
      "127.0.0.1:0",
      "x",
    ]);
    expect(controls.code).toBe(2);
    expect(controls.stderr).toMatch(/^rampart: .*bad-controls\.yaml:2: unknown control ID "C-9999"/);
  });

  it("refuses to start without a usable token", async () => {
    const none = await rampart(["serve", "--listen", "127.0.0.1:0", "x"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^rampart: the API needs a token: --token-file FILE/);
    const short = await rampart([
      "serve",
      "--token-file",
      work.file("short", "tok!\n"),
      "--listen",
      "127.0.0.1:0",
      "x",
    ]);
    expect(short.stderr).toMatch(/is too short/);
    expect(short.stderr).not.toContain("tok!");
  });
});
