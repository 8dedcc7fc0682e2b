// /metrics read by a real Prometheus text parser (parse-prometheus-text-format), with Kubescape's
// names behind the flag; remediation times from findings fixed between scans; scans fired by the
// schedule; a shutdown with a scan running.

import path from "node:path";
import parsePrometheusTextFormat, { type PrometheusFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import { tempFolder } from "../support/cli.js";
import { setStage, startTestServer, type TestServer, waitForJob } from "../support/serve.js";

const work = tempFolder("rampart-serve-metrics-");
const scanned = path.join(work.folder, "cluster");

function families(text: string): Map<string, PrometheusFamily> {
  return new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
}

function value(family: PrometheusFamily | undefined, labels: Record<string, string> = {}): number {
  const sample = family?.metrics.find((metric) =>
    Object.entries(labels).every(([key, wanted]) => metric.labels?.[key] === wanted),
  );
  if (sample === undefined) throw new Error(`no sample of ${family?.name} with ${JSON.stringify(labels)}`);
  return Number(sample.value);
}

describe("GET /metrics", () => {
  let test: TestServer;
  let latest: JsonReport;

  beforeAll(async () => {
    test = await startTestServer(work.file("metrics.db"), [scanned], { kubescapeMetrics: true });
    for (const stage of ["risky", "fixed"] as const) {
      setStage(scanned, stage);
      expect((await test.scan()).status).toBe("stored");
    }
    latest = (await test.call("/v1/scans/latest")).json() as JsonReport;
  });

  afterAll(async () => {
    await test?.server.stop();
  });

  it("parses as the Prometheus text format, with the latest scan's scores", async () => {
    const reply = await test.call("/metrics", { token: null });
    expect(reply.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = families(reply.text);
    expect(value(metrics.get("rampart_cluster_complianceScore"))).toBe(latest.summaryDetails.score);
    expect(value(metrics.get("rampart_cluster_riskScore"))).toBe(latest.summaryDetails.riskScore);
    for (const framework of latest.summaryDetails.frameworks) {
      expect(value(metrics.get("rampart_framework_complianceScore"), { framework: framework.name })).toBe(
        framework.score,
      );
      expect(value(metrics.get("rampart_framework_riskScore"), { framework: framework.name })).toBe(
        framework.riskScore,
      );
    }
    const evaluated = latest.results.filter((control) => control.status !== "skipped");
    expect(metrics.get("rampart_control_complianceScore")?.metrics).toHaveLength(evaluated.length);
    for (const control of evaluated) {
      const labels = { control_id: control.controlID, control_name: control.name, severity: control.severity };
      expect(value(metrics.get("rampart_control_complianceScore"), labels)).toBe(control.complianceScore);
      expect(value(metrics.get("rampart_control_count_resources_failed"), labels)).toBe(
        control.resourceCounters.failed,
      );
      // A control no resource applies to has no risk score, hence no sample.
      if (control.resourceCounters.all === 0) continue;
      const risk = value(metrics.get("rampart_control_riskScore"), labels);
      expect(risk).toBeGreaterThanOrEqual(0);
      expect(risk).toBeLessThanOrEqual(100);
      expect(risk === 0).toBe(control.resourceCounters.failed === 0);
    }
    const failing = latest.results.flatMap((control) =>
      control.resources.filter((resource) => resource.status === "failed").map(() => control.severity),
    );
    for (const severity of ["Critical", "High", "Medium", "Low"]) {
      expect(value(metrics.get("rampart_failed_resources"), { severity })).toBe(
        failing.filter((entry) => entry === severity).length,
      );
    }
    expect(value(metrics.get("rampart_scans_total"), { result: "success" })).toBe(2);
    expect(value(metrics.get("rampart_scans_stored"))).toBe(2);
    expect(metrics.get("rampart_scan_duration_seconds")?.type).toBe("HISTOGRAM");
    const lastSuccess = value(metrics.get("rampart_last_success_timestamp_seconds"));
    expect(lastSuccess * 1000).toBeGreaterThanOrEqual(Date.parse(latest.scanDate));
  });

  it("measures how long findings stayed open: the privileged Deployment fixed in the second scan", async () => {
    const text = (await test.call("/metrics", { token: null })).text;
    const metrics = families(text);
    expect(metrics.get("rampart_finding_remediation_seconds")?.type).toBe("HISTOGRAM");
    // The parser keeps a labelled histogram's buckets but not its labels, count and sum: read those lines.
    const line = (name: string) => Number(new RegExp(`^${name}\\{severity="High"\\} (\\S+)$`, "m").exec(text)?.[1]);
    // C-0057 (privileged container) is High; it was fixed by the second scan.
    expect(line("rampart_finding_remediation_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(line("rampart_finding_remediation_seconds_sum")).toBeGreaterThan(0);
    expect(
      value(metrics.get("rampart_finding_mean_time_to_remediation_seconds"), { severity: "High" }),
    ).toBeGreaterThan(0);
    const open = metrics.get("rampart_findings_open");
    expect(open?.metrics.reduce((sum, metric) => sum + Number(metric.value), 0)).toBe(
      latest.results.reduce(
        (sum, control) => sum + control.resources.filter((resource) => resource.status === "failed").length,
        0,
      ),
    );
  });

  it("exports Kubescape's names and labels behind --kubescape-metrics", async () => {
    const metrics = families((await test.call("/metrics", { token: null })).text);
    expect(value(metrics.get("kubescape_cluster_complianceScore"))).toBe(latest.summaryDetails.score);
    const nsa = latest.summaryDetails.frameworks.find((framework) => framework.name === "nsa");
    expect(value(metrics.get("kubescape_framework_complianceScore"), { name: "nsa" })).toBe(nsa?.score);
    const c0057 = latest.results.find((control) => control.controlID === "C-0057");
    const sample = metrics
      .get("kubescape_control_complianceScore")
      ?.metrics.find((metric) => metric.labels?.name === c0057?.name);
    expect(Object.keys(sample?.labels ?? {}).sort()).toEqual(["link", "name", "severity"]);
    expect(Number(sample?.value)).toBe(c0057?.complianceScore);
  });

  it("leaves Kubescape's names out without the flag", async () => {
    const plain = await startTestServer(work.file("metrics.db"), [scanned]);
    try {
      const metrics = families((await plain.call("/metrics", { token: null })).text);
      expect(metrics.has("rampart_cluster_complianceScore")).toBe(true);
      expect([...metrics.keys()].filter((name) => name.startsWith("kubescape_"))).toEqual([]);
    } finally {
      await plain.server.stop();
    }
  });
});

describe("the schedule", () => {
  it("fires scans on its cron expression, and a shutdown lets the running scan finish", async () => {
    setStage(scanned, "base");
    const test = await startTestServer(work.file("schedule.db"), [scanned], {
      config: { schedule: "*/2 * * * * *", timeZone: "Europe/Paris" },
    });
    try {
      expect(test.logs[0]).toMatch(/schedule "\*\/2 \* \* \* \* \*" \(Europe\/Paris\), next at /);
      const deadline = Date.now() + 120_000;
      while (test.server.store.count() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const scans = test.server.store.list();
      expect(scans.length).toBeGreaterThanOrEqual(2);
      expect(scans.every((scan) => scan.trigger === "schedule")).toBe(true);
      // Stop while (or soon after) a scan runs: whatever ran is stored whole, or not at all.
      while (test.server.queue.running === undefined && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const running = test.server.queue.running;
      const stopped = test.server.stop();
      expect((await test.call("/readyz", { token: null }).catch(() => undefined))?.status ?? 503).toBe(503);
      await stopped;
      if (running !== undefined) expect(["stored", "failed"]).toContain(running.status);
      expect(test.logs.at(-1)).toBe("stopped");
    } finally {
      await test.server.stop();
    }
  });

  it("abandons a running scan that outlasts the grace period, and stores nothing of it", async () => {
    setStage(scanned, "base");
    const test = await startTestServer(work.file("abandon.db"), [scanned], { graceSeconds: 0 });
    const job = test.server.queue.request("manual");
    await test.server.stop();
    expect(job?.status).toBe("failed");
    expect(test.logs.join("\n")).toMatch(/scan \d+ \(manual\): abandoned/);
    const reopened = await startTestServer(work.file("abandon.db"), [scanned]);
    try {
      expect(reopened.server.store.count()).toBe(0);
      expect(
        (await waitForJob(reopened.server, (reopened.server.queue.request("manual") ?? { id: 0 }).id)).status,
      ).toBe("stored");
      // The abandoned scan's ID is never given again.
      expect(reopened.server.store.latest()?.id).toBeGreaterThan(job?.id ?? 0);
    } finally {
      await reopened.server.stop();
    }
  });
});
