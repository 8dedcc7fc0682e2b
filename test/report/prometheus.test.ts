// The Prometheus report, read back by parse-prometheus-text-format (prom2json's parser in
// JavaScript) and held to the exposition format's line grammar, which that parser is lenient about.
import parsePrometheusTextFormat, { type PrometheusFamily } from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { escapeHelp, escapeLabelValue } from "../../runtime/report/prometheus.js";
import { EXAMPLES, EXCEPTIONS, jsonOf, report, workFolder } from "./support.js";

// Text format 0.0.4: metric and label names, escaped label values, Go float values.
const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const SAMPLE = new RegExp(
  `^(${NAME})(?:\\{${LABEL}(?:,${LABEL})*\\})? (-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?|NaN|[+-]Inf)$`,
);
const HELP = new RegExp(`^# HELP (${NAME}) (?:[^\\\\\\n]|\\\\[\\\\n])*$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) gauge$`);

/** Every line is HELP, TYPE or a sample; each family has HELP then TYPE once, its samples together. */
function expectWellFormed(text: string): void {
  expect(text.endsWith("\n")).toBe(true);
  const families: string[] = [];
  let current: string | undefined;
  for (const line of text.slice(0, -1).split("\n")) {
    const help = HELP.exec(line);
    const type = TYPE.exec(line);
    const sample = SAMPLE.exec(line);
    if (help !== null) {
      expect(families).not.toContain(help[1]);
      families.push(help[1] as string);
      current = help[1];
    } else if (type !== null) {
      expect(type[1]).toBe(current);
    } else {
      expect(sample, line).not.toBeNull();
      expect(sample?.[1]).toBe(current);
    }
  }
}

function parse(text: string): Map<string, PrometheusFamily> {
  expectWellFormed(text);
  const families = parsePrometheusTextFormat(text);
  const byName = new Map(families.map((family) => [family.name, family]));
  expect(byName.size).toBe(families.length);
  for (const family of families) {
    expect(family.name).toMatch(/^rampart_/);
    expect(family.type).toBe("GAUGE");
    expect(family.help).not.toBe("");
  }
  return byName;
}

/** The value of the one sample of `name` whose labels include `labels`. */
function value(families: Map<string, PrometheusFamily>, name: string, labels: Record<string, string> = {}): number {
  const samples = (families.get(name)?.metrics ?? []).filter((sample) =>
    Object.entries(labels).every(([key, wanted]) => sample.labels?.[key] === wanted),
  );
  expect(samples, `${name} ${JSON.stringify(labels)}`).toHaveLength(1);
  return Number(samples[0]?.value);
}

const file = workFolder();

async function prometheus(args: readonly string[]): Promise<Map<string, PrometheusFamily>> {
  return parse(await report(args, "prometheus", file(`${Math.random().toString(36).slice(2)}.prom`)));
}

describe("prometheus report", () => {
  const nsa = ["scan", "framework", "nsa", EXAMPLES];

  it("exports Kubescape's metric families under rampart_, with the scan's numbers", async () => {
    const families = await prometheus(nsa);
    const json = await jsonOf(nsa);
    expect([...families.keys()].sort()).toEqual(
      [
        "rampart_score",
        "rampart_resources_found_count",
        "rampart_resources_excluded_count",
        "rampart_resources_failed_count",
        "rampart_object_failed_count",
        "rampart_cluster_complianceScore",
        "rampart_cluster_riskScore",
        "rampart_cluster_count_resources_failed",
        "rampart_cluster_count_resources_excluded",
        "rampart_cluster_count_resources_passed",
        "rampart_cluster_count_control_failed",
        "rampart_cluster_count_control_skipped",
        "rampart_cluster_count_control_passed",
        "rampart_framework_complianceScore",
        "rampart_framework_riskScore",
        "rampart_framework_count_resources_failed",
        "rampart_framework_count_resources_excluded",
        "rampart_framework_count_resources_passed",
        "rampart_framework_count_control_failed",
        "rampart_framework_count_control_skipped",
        "rampart_framework_count_control_passed",
        "rampart_control_complianceScore",
        "rampart_control_count_resources_failed",
        "rampart_control_count_resources_excluded",
        "rampart_control_count_resources_passed",
      ].sort(),
    );
    const summary = json.summaryDetails;
    expect(value(families, "rampart_score")).toBe(summary.score);
    expect(value(families, "rampart_cluster_complianceScore")).toBe(summary.complianceScore);
    expect(value(families, "rampart_cluster_riskScore")).toBe(summary.riskScore);
    expect(value(families, "rampart_cluster_count_control_failed")).toBe(summary.controls.failed);
    expect(value(families, "rampart_cluster_count_control_skipped")).toBe(summary.controls.skipped);
    expect(value(families, "rampart_cluster_count_control_passed")).toBe(summary.controls.passed);
    expect(value(families, "rampart_cluster_count_resources_failed")).toBe(summary.resources.failed);
    expect(value(families, "rampart_cluster_count_resources_passed")).toBe(summary.resources.passed);
    expect(value(families, "rampart_cluster_count_resources_excluded")).toBe(0);
    const nsaLabels = { framework: "nsa" };
    expect(value(families, "rampart_framework_complianceScore", nsaLabels)).toBe(summary.frameworks[0]?.score);
    expect(value(families, "rampart_framework_count_control_skipped", nsaLabels)).toBe(
      summary.frameworks[0]?.controls.skipped,
    );

    const escalation = { control_id: "C-0016", control_name: "Allow privilege escalation", severity: "Medium" };
    expect(value(families, "rampart_resources_found_count", { framework: "nsa", ...escalation })).toBe(12);
    expect(value(families, "rampart_resources_failed_count", { framework: "nsa", ...escalation })).toBe(11);
    expect(value(families, "rampart_resources_excluded_count", { framework: "nsa", ...escalation })).toBe(0);
    expect(value(families, "rampart_control_complianceScore", escalation)).toBe(8.33);
    expect(value(families, "rampart_control_count_resources_passed", escalation)).toBe(1);
    expect(
      value(families, "rampart_object_failed_count", {
        framework: "nsa",
        control_id: "C-0016",
        namespace: "shop",
        name: "web",
        groupVersionKind: "apps/v1/Deployment",
      }),
    ).toBe(1);
    // Every evaluated control, once per framework; skipped ones have no sample.
    const evaluated = json.results.filter((control) => control.status !== "skipped");
    expect(families.get("rampart_resources_found_count")?.metrics).toHaveLength(evaluated.length);
    expect(families.get("rampart_control_complianceScore")?.metrics).toHaveLength(evaluated.length);
    const failures = evaluated.reduce((sum, control) => sum + control.resourceCounters.failed, 0);
    expect(families.get("rampart_object_failed_count")?.metrics).toHaveLength(failures);
  });

  it("counts failures that exceptions accept as excluded", async () => {
    const exceptions = file("exceptions.yaml", EXCEPTIONS);
    const families = await prometheus([...nsa, "--exceptions", exceptions]);
    const escalation = { framework: "nsa", control_id: "C-0016" };
    expect(value(families, "rampart_resources_found_count", escalation)).toBe(12);
    expect(value(families, "rampart_resources_failed_count", escalation)).toBe(10);
    expect(value(families, "rampart_resources_excluded_count", escalation)).toBe(1);
    expect(value(families, "rampart_control_count_resources_excluded", { control_id: "C-0016" })).toBe(1);
    expect(value(families, "rampart_control_count_resources_passed", { control_id: "C-0016" })).toBe(1);
    expect(
      families
        .get("rampart_object_failed_count")
        ?.metrics.filter((sample) => sample.labels?.control_id === "C-0016")
        .map((sample) => sample.labels?.name),
    ).toEqual([
      "migrate-db",
      ...["kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"].map((name) => `${name}-cp-b`),
      ...["kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"].map((name) => `${name}-cp-a`),
      "node-agent",
    ]);
    // Deployment shop/web still fails other controls, so it is not an excluded object.
    expect(value(families, "rampart_cluster_count_resources_excluded")).toBe(0);
  });

  it("has no framework families and no framework label for a scan of named controls", async () => {
    const families = await prometheus(["scan", "control", "C-0016,C-0001", EXAMPLES]);
    expect([...families.keys()].filter((name) => name.startsWith("rampart_framework_"))).toEqual([]);
    const found = families.get("rampart_resources_found_count")?.metrics ?? [];
    expect(found.map((sample) => sample.labels)).toEqual([
      { control_id: "C-0016", control_name: "Allow privilege escalation", severity: "Medium" },
    ]);
    expect(value(families, "rampart_cluster_count_control_skipped")).toBe(1);
  });

  it("escapes label values so that hostile names read back unchanged", async () => {
    const namespace = 'ns\\with "quotes"\nand a newline';
    const name = "pod{a=\"1\"} \\n 'x' \u00e9\u{1F600}";
    const manifest = file(
      "hostile.yaml",
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${JSON.stringify(name)}\n  namespace: ${JSON.stringify(namespace)}\nspec:\n  containers: [{name: c, image: i}]\n`,
    );
    const families = await prometheus(["scan", "control", "C-0016", manifest]);
    const failed = families.get("rampart_object_failed_count")?.metrics ?? [];
    expect(failed.map((sample) => [sample.labels?.namespace, sample.labels?.name])).toEqual([[namespace, name]]);
  });
});

describe("exposition escaping", () => {
  it("escapes backslash, double quote and line feed in label values, nothing else", () => {
    expect(escapeLabelValue('a\\b"c"\nd\te\r')).toBe('a\\\\b\\"c\\"\\nd\te\r');
  });

  it("escapes backslash and line feed in HELP, leaving quotes", () => {
    expect(escapeHelp('say "hi"\\\nnext')).toBe('say "hi"\\\\\\nnext');
  });
});
