// The history database: scans stored whole, findings' open periods (fixed, excepted, removed, or
// unknown when the control was not evaluated), retention, reserved IDs, migrations.
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { assessments, diffFindings, evaluatedControls, failingFindings } from "../../runtime/history/findings.js";
import { HistoryError, HistoryStore, type NewScan, SCHEMA_VERSION } from "../../runtime/history/store.js";
import { summarize } from "../../runtime/history/summary.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { tempFolder } from "../support/cli.js";

const work = tempFolder("rampart-history-");

type Status = "failed" | "passed" | "excepted" | "error";

/** A report holding the given controls, each with objects `kind/namespace/name` and a status. */
function report(date: string, controls: Record<string, Record<string, Status> | "skipped">): JsonReport {
  const results = Object.entries(controls).map(([id, objects]) => ({
    controlID: id,
    name: `control ${id}`,
    severity: id === "C-0057" ? "High" : "Medium",
    action: "enforce",
    frameworks: ["nsa"],
    status:
      objects === "skipped"
        ? "skipped"
        : Object.values(objects).some((s) => s === "failed" || s === "error")
          ? "failed"
          : "passed",
    complianceScore: 50,
    resourceCounters: { passed: 0, failed: 0, excepted: 0, all: 0 },
    resources:
      objects === "skipped"
        ? []
        : Object.entries(objects).map(([object, status]) => {
            const [kind, namespace, name] = object.split("/") as [string, string, string];
            return {
              kind,
              namespace,
              name,
              status: status === "excepted" ? "passed" : status,
              ...(status === "excepted" ? { subStatus: "w/exceptions" } : {}),
              ...(status === "failed" ? { violations: [{ message: `${name} fails ${id}` }] } : {}),
            };
          }),
  }));
  return {
    scanDate: date,
    summaryDetails: {
      score: 50,
      riskScore: 10,
      controls: { passed: 0, failed: 0, skipped: 0, total: 0 },
      frameworks: [],
    },
    results,
  } as unknown as JsonReport;
}

function newScan(source: JsonReport, trigger = "manual"): NewScan {
  return {
    summary: summarize(source),
    reportGzip: gzipSync(JSON.stringify(source)),
    finishedAt: source.scanDate,
    durationMs: 1200,
    trigger,
    findings: failingFindings(source),
    assessments: assessments(source),
    evaluatedControls: evaluatedControls(source),
  };
}

describe("findings", () => {
  const before = report("2026-01-01T00:00:00.000Z", {
    "C-0057": { "Deployment/shop/web": "failed", "Deployment/shop/api": "failed", "Deployment/shop/db": "passed" },
    "C-0016": { "Deployment/shop/web": "failed" },
    "C-0017": { "Deployment/shop/web": "failed" },
  });
  const after = report("2026-01-02T00:00:00.000Z", {
    "C-0057": { "Deployment/shop/web": "passed", "Deployment/shop/api": "failed", "Deployment/shop/db": "failed" },
    "C-0016": { "Deployment/shop/web": "excepted" },
    "C-0017": "skipped",
  });

  it("are new, fixed, still failing, or not evaluated by the later scan", () => {
    const diff = diffFindings(before, after);
    const names = (list: typeof diff.new) => list.map((finding) => `${finding.controlID} ${finding.name}`);
    expect(names(diff.new)).toEqual(["C-0057 db"]);
    expect(names(diff.fixed)).toEqual(["C-0057 web", "C-0016 web"]);
    expect(names(diff.stillFailing)).toEqual(["C-0057 api"]);
    expect(names(diff.notEvaluated)).toEqual(["C-0017 web"]);
    expect(diff.new[0]?.messages).toEqual(["db fails C-0057"]);
  });

  it("are the same object whatever its apiVersion or file", () => {
    const moved = report("2026-01-03T00:00:00.000Z", { "C-0057": { "Deployment/shop/api": "failed" } });
    expect(failingFindings(moved)[0]?.key).toBe(failingFindings(before).find((f) => f.name === "api")?.key);
  });
});

describe("HistoryStore", () => {
  it("stores scans whole and tracks each finding from its first scan to its resolution", () => {
    const store = HistoryStore.open(work.file("lifecycle.db"));
    try {
      const first = store.add(
        newScan(
          report("2026-01-01T00:00:00.000Z", {
            "C-0057": {
              "Deployment/shop/web": "failed",
              "Deployment/shop/api": "failed",
              "Deployment/shop/db": "failed",
            },
            "C-0017": { "Deployment/shop/web": "failed" },
          }),
          "schedule",
        ),
      );
      const second = store.add(
        newScan(
          report("2026-01-03T12:00:00.000Z", {
            // web fixed, api excepted, db gone; C-0017 not evaluated: its finding stays open.
            "C-0057": { "Deployment/shop/web": "passed", "Deployment/shop/api": "excepted" },
            "C-0017": "skipped",
          }),
        ),
      );
      expect(store.list().map((scan) => [scan.id, scan.trigger])).toEqual([
        [first, "schedule"],
        [second, "manual"],
      ]);
      expect(JSON.parse(store.reportText(first) as string).scanDate).toBe("2026-01-01T00:00:00.000Z");
      expect(store.previous(second)?.id).toBe(first);
      expect(store.latest()?.id).toBe(second);
      const periods = new Map(store.findings().map((period) => [`${period.controlID} ${period.name}`, period]));
      expect(periods.get("C-0057 web")).toMatchObject({ resolution: "fixed", resolvedAt: "2026-01-03T12:00:00.000Z" });
      expect(periods.get("C-0057 api")).toMatchObject({ resolution: "excepted" });
      expect(periods.get("C-0057 db")).toMatchObject({ resolution: "removed" });
      expect(periods.get("C-0017 web")).toMatchObject({ resolution: null, resolvedAt: null, lastScan: first });
      // Failing again later opens a new period.
      const third = store.add(
        newScan(report("2026-01-04T00:00:00.000Z", { "C-0057": { "Deployment/shop/web": "failed" } })),
      );
      const web = store.findings().filter((period) => period.controlID === "C-0057" && period.name === "web");
      expect(web.map((period) => [period.firstScan, period.resolution])).toEqual([
        [first, "fixed"],
        [third, null],
      ]);
      expect(store.integrityCheck()).toBe("ok");
    } finally {
      store.close();
    }
  });

  it("keeps at most maxScans scans and none older than maxAgeDays, always the newest", () => {
    const store = HistoryStore.open(work.file("retention.db"));
    try {
      for (const day of [1, 2, 3, 4, 5]) {
        store.add(newScan(report(`2026-01-0${day}T00:00:00.000Z`, { "C-0057": {} })), { maxScans: 3 });
      }
      expect(store.list().map((scan) => scan.summary.date.slice(8, 10))).toEqual(["03", "04", "05"]);
      store.add(newScan(report("2026-03-01T00:00:00.000Z", { "C-0057": {} })), { maxAgeDays: 30 });
      expect(store.list().map((scan) => scan.summary.date.slice(0, 10))).toEqual(["2026-03-01"]);
    } finally {
      store.close();
    }
  });

  it("reserves IDs that no later scan reuses", () => {
    const file = work.file("ids.db");
    const store = HistoryStore.open(file);
    const reserved = [store.reserveId(), store.reserveId()];
    expect(reserved).toEqual([1, 2]);
    expect(store.add(newScan(report("2026-01-01T00:00:00.000Z", {})), {}, 2)).toBe(2);
    store.close();
    const reopened = HistoryStore.open(file);
    try {
      expect(reopened.add(newScan(report("2026-01-02T00:00:00.000Z", {})))).toBe(3);
      expect(reopened.reserveId()).toBe(4);
    } finally {
      reopened.close();
    }
  });

  it("runs in WAL mode, migrates a new file to the current schema, and refuses a newer one", () => {
    const file = work.file("schema.db");
    HistoryStore.open(file).close();
    const raw = new Database(file);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => HistoryStore.open(file)).toThrow(HistoryError);
    expect(() => HistoryStore.open(file)).toThrow(/written by a newer Rampart/);
  });

  it("opens read-only only a file that exists", () => {
    expect(() => HistoryStore.open(work.file("absent.db"), { readOnly: true })).toThrow(
      /^cannot open the scan history .*absent\.db/,
    );
  });
});
