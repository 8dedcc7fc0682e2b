// GET /metrics: the Prometheus text format, written by prom-client. The families of the latest
// stored scan keep the names and labels of `rampart scan --format prometheus`
// (runtime/report/prometheus.ts: `rampart_cluster_complianceScore`, `framework`, `control_id`,
// `control_name`, `severity`), and add what only a history knows: scan duration, the last success,
// open findings and how long findings stayed open (the mean time to remediation). With
// `kubescapeNames`, the families Kubescape prints are exported too, under its names and labels
// (`kubescape_framework_complianceScore{name}`, `kubescape_control_complianceScore{name,severity,link}`),
// so that existing dashboards keep working.
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { FindingPeriod, StoredScan } from "../history/store.js";
import { SEVERITY_ORDER } from "../score.js";

/** What the metrics are computed from at each scrape. */
export interface MetricsState {
  readonly latest: StoredScan | undefined;
  readonly storedScans: number;
  readonly findings: readonly FindingPeriod[];
  readonly now: Date;
}

const DAY = 86_400;
/** Remediation times: an hour to a quarter. */
const REMEDIATION_BUCKETS = [3_600, 6 * 3_600, DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY];

export class ServerMetrics {
  /** Counted since the process started. */
  private readonly live = new Registry();
  private readonly scans = new Counter({
    name: "rampart_scans_total",
    help: "Scans run since the server started, by result (success: stored; failure: not stored)",
    labelNames: ["result"] as const,
    registers: [this.live],
  });
  private readonly duration = new Histogram({
    name: "rampart_scan_duration_seconds",
    help: "How long scans took, since the server started",
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers: [this.live],
  });
  private readonly queued = new Gauge({
    name: "rampart_scans_queued",
    help: "Scans waiting to run (a scan runs at most one at a time)",
    registers: [this.live],
  });

  constructor(private readonly kubescapeNames: boolean) {
    this.scans.inc({ result: "success" }, 0);
    this.scans.inc({ result: "failure" }, 0);
  }

  scanSucceeded(durationSeconds: number): void {
    this.scans.inc({ result: "success" });
    this.duration.observe(durationSeconds);
  }

  scanFailed(): void {
    this.scans.inc({ result: "failure" });
  }

  setQueued(count: number): void {
    this.queued.set(count);
  }

  get contentType(): string {
    return this.live.contentType;
  }

  async render(state: MetricsState): Promise<string> {
    const registry = new Registry();
    historyFamilies(registry, state);
    if (state.latest !== undefined) {
      scanFamilies(registry, state.latest);
      if (this.kubescapeNames) kubescapeFamilies(registry, state.latest);
    }
    return Registry.merge([this.live, registry]).metrics();
  }
}

function gauge<T extends string>(registry: Registry, name: string, help: string, labelNames: readonly T[] = []) {
  return new Gauge<T>({ name, help, labelNames, registers: [registry] });
}

/** Sets a gauge where the value is known (a score of nothing evaluated has no sample). */
function set<T extends string>(target: Gauge<T>, labels: Partial<Record<T, string>>, value: number | null): void {
  if (value !== null) target.set(labels, value);
}

function scanFamilies(registry: Registry, scan: StoredScan): void {
  const { summary } = scan;
  set(
    gauge(
      registry,
      "rampart_cluster_complianceScore",
      "Compliance score of the latest scan: mean over its evaluated controls (0-100)",
    ),
    {},
    summary.score,
  );
  set(
    gauge(
      registry,
      "rampart_cluster_riskScore",
      "Risk score of the latest scan (0 no risk - 100 every resource fails)",
    ),
    {},
    summary.riskScore,
  );
  const controls = gauge(registry, "rampart_cluster_count_control_failed", "Controls of the latest scan that failed");
  controls.set(summary.controls.failed);
  gauge(registry, "rampart_cluster_count_control_passed", "Controls of the latest scan that passed").set(
    summary.controls.passed,
  );
  gauge(registry, "rampart_cluster_count_control_skipped", "Controls of the latest scan that were not evaluated").set(
    summary.controls.skipped,
  );
  const frameworkScore = gauge(
    registry,
    "rampart_framework_complianceScore",
    "Compliance score of a framework in the latest scan (0-100)",
    ["framework"],
  );
  const frameworkRisk = gauge(registry, "rampart_framework_riskScore", "Risk score of a framework in the latest scan", [
    "framework",
  ]);
  for (const framework of summary.frameworks) {
    set(frameworkScore, { framework: framework.name }, framework.score);
    set(frameworkRisk, { framework: framework.name }, framework.riskScore);
  }
  const labels = ["control_id", "control_name", "severity"] as const;
  const controlScore = gauge(
    registry,
    "rampart_control_complianceScore",
    "Compliance score of a control in the latest scan: passed resources / all resources x 100",
    labels,
  );
  const controlRisk = gauge(
    registry,
    "rampart_control_riskScore",
    "Risk score of a control in the latest scan: failed resource weight / all resource weight x 100",
    labels,
  );
  const counts = {
    failed: gauge(
      registry,
      "rampart_control_count_resources_failed",
      "Resources that fail the control (or that it could not evaluate)",
      labels,
    ),
    excluded: gauge(
      registry,
      "rampart_control_count_resources_excluded",
      "Resources that fail the control with an exception accepting it",
      labels,
    ),
    passed: gauge(registry, "rampart_control_count_resources_passed", "Resources that pass the control", labels),
  };
  for (const control of summary.controlScores) {
    const names = { control_id: control.id, control_name: control.name, severity: control.severity };
    set(controlScore, names, control.score);
    set(controlRisk, names, control.riskScore);
    counts.failed.set(names, control.failed);
    counts.excluded.set(names, control.excluded);
    counts.passed.set(names, control.passed);
  }
  const bySeverity = gauge(
    registry,
    "rampart_failed_resources",
    "Failing resources of the latest scan, counted once per failing control, by the control's severity",
    ["severity"],
  );
  for (const severity of SEVERITY_ORDER) bySeverity.set({ severity }, summary.failedBySeverity[severity] ?? 0);
  gauge(registry, "rampart_last_scan_duration_seconds", "How long the latest stored scan took").set(
    scan.durationMs / 1000,
  );
  gauge(
    registry,
    "rampart_last_success_timestamp_seconds",
    "When the latest stored scan finished (Unix time): alert when it gets old",
  ).set(Date.parse(scan.finishedAt) / 1000);
}

function historyFamilies(registry: Registry, state: MetricsState): void {
  gauge(registry, "rampart_scans_stored", "Scans kept in the history database").set(state.storedScans);
  const open = gauge(
    registry,
    "rampart_findings_open",
    "Findings (a resource failing a control) open now, by severity",
    ["severity"],
  );
  const openAge = gauge(
    registry,
    "rampart_findings_open_age_seconds_max",
    "How long the oldest open finding has been failing, by severity",
    ["severity"],
  );
  const remediation = new Histogram<"severity">({
    name: "rampart_finding_remediation_seconds",
    help: "Time from a finding's first scan to the scan that found it fixed or its resource removed (accepted exceptions are not remediations), by severity",
    labelNames: ["severity"],
    buckets: REMEDIATION_BUCKETS,
    registers: [registry],
  });
  const mean = gauge(
    registry,
    "rampart_finding_mean_time_to_remediation_seconds",
    "Mean time from a finding's first scan to its fix, over the remediated findings history keeps, by severity",
    ["severity"],
  );
  const now = state.now.getTime();
  for (const severity of SEVERITY_ORDER) {
    const ofSeverity = state.findings.filter((finding) => finding.severity === severity);
    const stillOpen = ofSeverity.filter((finding) => finding.resolvedAt === null);
    open.set({ severity }, stillOpen.length);
    const oldest = stillOpen.reduce((min, finding) => Math.min(min, Date.parse(finding.firstSeen)), now);
    openAge.set({ severity }, stillOpen.length === 0 ? 0 : Math.max(0, (now - oldest) / 1000));
    const remediated = ofSeverity.filter((finding) => finding.resolvedAt !== null && finding.resolution !== "excepted");
    const times = remediated.map(
      (finding) => (Date.parse(finding.resolvedAt as string) - Date.parse(finding.firstSeen)) / 1000,
    );
    remediation.zero({ severity });
    for (const seconds of times) remediation.observe({ severity }, seconds);
    if (times.length > 0) mean.set({ severity }, times.reduce((sum, value) => sum + value, 0) / times.length);
  }
}

/** Kubescape's families and labels (its prometheus printer), from the latest scan. */
function kubescapeFamilies(registry: Registry, scan: StoredScan): void {
  const { summary } = scan;
  set(
    gauge(registry, "kubescape_cluster_complianceScore", "Compliance score of the latest scan (Kubescape's name)"),
    {},
    summary.score,
  );
  gauge(registry, "kubescape_cluster_count_control_failed", "Controls that failed (Kubescape's name)").set(
    summary.controls.failed,
  );
  gauge(registry, "kubescape_cluster_count_control_skipped", "Controls not evaluated (Kubescape's name)").set(
    summary.controls.skipped,
  );
  gauge(registry, "kubescape_cluster_count_control_passed", "Controls that passed (Kubescape's name)").set(
    summary.controls.passed,
  );
  const framework = gauge(
    registry,
    "kubescape_framework_complianceScore",
    "Compliance score of a framework (Kubescape's name)",
    ["name"],
  );
  for (const entry of summary.frameworks) set(framework, { name: entry.name }, entry.score);
  const labels = ["name", "severity", "link"] as const;
  const score = gauge(
    registry,
    "kubescape_control_complianceScore",
    "Compliance score of a control (Kubescape's name)",
    labels,
  );
  const failed = gauge(
    registry,
    "kubescape_control_count_resources_failed",
    "Resources that fail the control (Kubescape's name)",
    labels,
  );
  const passed = gauge(
    registry,
    "kubescape_control_count_resources_passed",
    "Resources that pass the control (Kubescape's name)",
    labels,
  );
  const skipped = gauge(
    registry,
    "kubescape_control_count_resources_skipped",
    "Resources whose failure an exception accepts (Kubescape's name)",
    labels,
  );
  for (const control of summary.controlScores) {
    const names = {
      name: control.name,
      severity: control.severity,
      link: `https://hub.armosec.io/docs/${control.id.toLowerCase()}`,
    };
    set(score, names, control.score);
    failed.set(names, control.failed);
    passed.set(names, control.passed);
    skipped.set(names, control.excluded);
  }
}
