// Prometheus text exposition format 0.0.4, for a textfile collector or a push gateway. Metric
// families mirror Kubescape's (its `--format prometheus` printer and its metrics exporter) with
// `rampart_` for `kubescape_`, so that dashboards and alerts carry over by renaming the prefix.
// Every family is a gauge with # HELP and # TYPE lines and its samples together; a score that is
// not defined (nothing evaluated) has no sample. Checked with a parser in
// test/report/prometheus.test.ts.
import { type ControlResult, isFailing, type ScanResult } from "../scan.js";
import { rounded } from "../score.js";
import { controlCounts, objectCounts } from "./summary.js";

type Labels = Readonly<Record<string, string | undefined>>;

interface Sample {
  readonly labels: Labels;
  readonly value: number | null;
}

interface Family {
  readonly name: string;
  readonly help: string;
  readonly samples: readonly Sample[];
}

/**
 * A label value: `\` → `\\`, `"` → `\"`, line feed → `\n`; everything else as it is (UTF-8).
 *   label_value = '"' { any character but '\', '"', LF | '\\' | '\"' | '\n' } '"'
 */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (char) => (char === "\n" ? "\\n" : `\\${char}`));
}

/** A HELP docstring: `\` → `\\` and line feed → `\n` (quotes stay as they are). */
export function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (char) => (char === "\n" ? "\\n" : "\\\\"));
}

function sampleLine(name: string, sample: Sample): string {
  const labels = Object.entries(sample.labels)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}="${escapeLabelValue(value)}"`);
  return `${name}${labels.length > 0 ? `{${labels.join(",")}}` : ""} ${String(sample.value)}`;
}

function render(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    const samples = family.samples.filter((sample) => sample.value !== null);
    if (samples.length === 0) continue;
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} gauge`);
    for (const sample of samples) lines.push(sampleLine(family.name, sample));
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/**
 * Objects the controls evaluated, in Kubescape's words: failed when a control fails it (or cannot
 * evaluate it), excluded when its only failures are accepted by exceptions, passed otherwise.
 */
function objectCountsOf(controls: readonly ControlResult[]) {
  const counts = objectCounts(controls);
  return { failed: counts.failed, excluded: counts.excepted, passed: counts.passed };
}

function controlLabels(control: ControlResult): Labels {
  return { control_id: control.control.id, control_name: control.control.name, severity: control.severity };
}

/** The scan, one framework, or (framework label absent) the controls named directly. */
interface Scope {
  readonly framework: string | undefined;
  readonly controls: readonly ControlResult[];
}

export function prometheusReport(result: ScanResult): string {
  const scopes: Scope[] =
    result.frameworks.length > 0
      ? result.frameworks.map((framework) => ({ framework: framework.framework.name, controls: framework.controls }))
      : [{ framework: undefined, controls: result.controls }];
  const evaluated = result.controls.filter((control) => control.status !== "skipped");
  const perScopeControl = (value: (control: ControlResult) => number): Sample[] =>
    scopes.flatMap((scope) =>
      scope.controls
        .filter((control) => control.status !== "skipped")
        .map((control) => ({
          labels: { framework: scope.framework, ...controlLabels(control) },
          value: value(control),
        })),
    );
  const cluster = objectCountsOf(result.controls);
  const frameworks = result.frameworks.map((framework) => ({
    framework,
    objects: objectCountsOf(framework.controls),
    labels: { framework: framework.framework.name },
  }));
  // Counted per label set, as Kubescape does: the same object found twice (two files) is one series.
  const failedObjects = new Map<string, { labels: Labels; value: number }>();
  for (const scope of scopes) {
    for (const control of scope.controls) {
      for (const resource of control.resources) {
        if (!isFailing(resource)) continue;
        const labels = {
          framework: scope.framework,
          ...controlLabels(control),
          namespace: resource.object.namespace,
          name: resource.object.name,
          groupVersionKind: `${resource.object.apiVersion}/${resource.object.kind}`,
        };
        const key = JSON.stringify(labels);
        const entry = failedObjects.get(key);
        if (entry === undefined) failedObjects.set(key, { labels, value: 1 });
        else entry.value += 1;
      }
    }
  }

  const families: Family[] = [
    // Kubescape's `scan --format prometheus` printer.
    {
      name: "rampart_score",
      help: "Overall compliance score of the scan (0-100; 100 when every evaluated control passes)",
      samples: [{ labels: {}, value: rounded(result.complianceScore) }],
    },
    {
      name: "rampart_resources_found_count",
      help: "Resources a control evaluated, per framework and control",
      samples: perScopeControl((control) => control.counts.all),
    },
    {
      name: "rampart_resources_excluded_count",
      help: "Resources whose failure of a control an exception accepts, per framework and control",
      samples: perScopeControl((control) => control.counts.excepted),
    },
    {
      name: "rampart_resources_failed_count",
      help: "Resources that fail a control (or that it could not evaluate), per framework and control",
      samples: perScopeControl((control) => control.counts.failed),
    },
    {
      name: "rampart_object_failed_count",
      help: "Objects that fail a control (or that it could not evaluate), per framework, control and object",
      samples: [...failedObjects.values()],
    },
    // Kubescape's metrics exporter: the scan ("cluster"), each framework, each control.
    {
      name: "rampart_cluster_complianceScore",
      help: "Compliance score of the scan: mean over its evaluated controls (0-100)",
      samples: [{ labels: {}, value: rounded(result.complianceScore) }],
    },
    {
      name: "rampart_cluster_riskScore",
      help: "Risk score of the scan (0 no risk - 100 every resource fails)",
      samples: [{ labels: {}, value: rounded(result.riskScore) }],
    },
    ...(["failed", "excluded", "passed"] as const).map((status) => ({
      name: `rampart_cluster_count_resources_${status}`,
      help: `Objects of the scan that ${OBJECT_STATUS_HELP[status]}`,
      samples: [{ labels: {}, value: cluster[status] }],
    })),
    ...(["failed", "skipped", "passed"] as const).map((status) => ({
      name: `rampart_cluster_count_control_${status}`,
      help: `Controls of the scan that ${CONTROL_STATUS_HELP[status]}`,
      samples: [{ labels: {}, value: controlCounts(result.controls)[status] }],
    })),
    {
      name: "rampart_framework_complianceScore",
      help: "Compliance score of a framework: mean over its evaluated controls (0-100)",
      samples: frameworks.map(({ framework, labels }) => ({ labels, value: rounded(framework.complianceScore) })),
    },
    {
      name: "rampart_framework_riskScore",
      help: "Risk score of a framework (0 no risk - 100 every resource fails)",
      samples: frameworks.map(({ framework, labels }) => ({ labels, value: rounded(framework.riskScore) })),
    },
    ...(["failed", "excluded", "passed"] as const).map((status) => ({
      name: `rampart_framework_count_resources_${status}`,
      help: `Objects that the framework's controls evaluated and that ${OBJECT_STATUS_HELP[status]}`,
      samples: frameworks.map(({ objects, labels }) => ({ labels, value: objects[status] })),
    })),
    ...(["failed", "skipped", "passed"] as const).map((status) => ({
      name: `rampart_framework_count_control_${status}`,
      help: `Controls of the framework that ${CONTROL_STATUS_HELP[status]}`,
      samples: frameworks.map(({ framework, labels }) => ({
        labels,
        value: controlCounts(framework.controls)[status],
      })),
    })),
    {
      name: "rampart_control_complianceScore",
      help: "Compliance score of a control: passed resources / all resources x 100",
      samples: evaluated.map((control) => ({
        labels: controlLabels(control),
        value: rounded(control.complianceScore),
      })),
    },
    ...(
      [
        ["failed", (control: ControlResult) => control.counts.failed],
        ["excluded", (control: ControlResult) => control.counts.excepted],
        ["passed", (control: ControlResult) => control.counts.passed],
      ] as const
    ).map(([status, value]) => ({
      name: `rampart_control_count_resources_${status}`,
      help: `Resources that ${CONTROL_RESOURCE_HELP[status]}`,
      samples: evaluated.map((control) => ({ labels: controlLabels(control), value: value(control) })),
    })),
  ];
  return render(families);
}

const OBJECT_STATUS_HELP = {
  failed: "fail at least one control (or could not be evaluated)",
  excluded: "fail only controls whose failures exceptions accept",
  passed: "pass every control that evaluated them",
} as const;

const CONTROL_STATUS_HELP = {
  failed: "failed",
  skipped: "were not evaluated (not implemented, needing data a manifest scan lacks, or needing configuration)",
  passed: "passed",
} as const;

const CONTROL_RESOURCE_HELP = {
  failed: "fail the control (or that it could not evaluate)",
  excluded: "fail the control with an exception accepting it",
  passed: "pass the control",
} as const;
