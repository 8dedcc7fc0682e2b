// The scan history: an embedded SQLite database (better-sqlite3) holding every stored scan with its
// JSON report (gzip), its summary, and the findings' open periods (first seen → resolved), from
// which the mean time to remediation comes.
//
// Crash safety: the database runs in WAL mode with synchronous=FULL, and a scan is written in one
// transaction (the scan, its findings, the retention clean-up): a process killed mid-scan has
// written nothing of it, and every earlier scan stays as it was. Schema changes are migrations
// numbered by `PRAGMA user_version`, each applied in its own transaction.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import type { Assessment, Finding } from "./findings.js";
import type { ScanSummary } from "./summary.js";

/** Schema versions, in order; the database records how many it has applied. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE scans (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     date TEXT NOT NULL,
     finished_at TEXT NOT NULL,
     duration_ms INTEGER NOT NULL,
     trigger TEXT NOT NULL,
     score REAL,
     risk_score REAL,
     summary TEXT NOT NULL,
     report BLOB NOT NULL
   );
   CREATE INDEX scans_date ON scans(date);
   CREATE TABLE findings (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     key TEXT NOT NULL,
     control_id TEXT NOT NULL,
     severity TEXT NOT NULL,
     kind TEXT NOT NULL,
     namespace TEXT,
     name TEXT NOT NULL,
     first_scan INTEGER NOT NULL,
     first_seen TEXT NOT NULL,
     last_scan INTEGER NOT NULL,
     resolved_scan INTEGER,
     resolved_at TEXT,
     resolution TEXT
   );
   CREATE UNIQUE INDEX findings_open ON findings(key) WHERE resolved_at IS NULL;
   CREATE INDEX findings_resolved ON findings(resolved_at);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class HistoryError extends Error {
  override name = "HistoryError";
}

/** How long scans are kept: at most `maxScans` (the newest), none older than `maxAgeDays`. */
export interface Retention {
  readonly maxScans?: number;
  readonly maxAgeDays?: number;
}

/** A finished scan, as the scanner hands it to the store. */
export interface NewScan {
  readonly summary: ScanSummary;
  /** The JSON report, gzip-compressed. */
  readonly reportGzip: Uint8Array;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** `schedule`, `manual` (POST /v1/scans), `start`. */
  readonly trigger: string;
  readonly findings: readonly Finding[];
  /** Every object × control the scan evaluated (by finding key), to tell fixed from unknown. */
  readonly assessments: ReadonlyMap<string, Assessment>;
  /** The controls the scan evaluated: only their open findings can be resolved. */
  readonly evaluatedControls: ReadonlySet<string>;
}

export interface StoredScan {
  readonly id: number;
  readonly summary: ScanSummary;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly trigger: string;
}

/** How a finding stopped failing. */
export type Resolution = "fixed" | "excepted" | "removed";

export interface FindingPeriod {
  readonly key: string;
  readonly controlID: string;
  readonly severity: string;
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string;
  readonly firstScan: number;
  readonly firstSeen: string;
  readonly lastScan: number;
  readonly resolvedAt: string | null;
  readonly resolution: Resolution | null;
}

interface ScanRow {
  id: number;
  date: string;
  finished_at: string;
  duration_ms: number;
  trigger: string;
  summary: string;
}

interface FindingRow {
  key: string;
  control_id: string;
  severity: string;
  kind: string;
  namespace: string | null;
  name: string;
  first_scan: number;
  first_seen: string;
  last_scan: number;
  resolved_at: string | null;
  resolution: Resolution | null;
}

export interface ListOptions {
  /** Scans on or after this date. */
  readonly since?: Date;
}

export class HistoryStore {
  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
  ) {}

  /**
   * Opens (and, unless read-only, creates and migrates) the database at `file`. A read-only open
   * of a missing file, or a database written by a newer Rampart, is a HistoryError.
   */
  static open(file: string, options: { readonly readOnly?: boolean } = {}): HistoryStore {
    const readOnly = options.readOnly === true;
    if (!readOnly && file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: readOnly, fileMustExist: readOnly });
    } catch (error) {
      throw new HistoryError(`cannot open the scan history ${file}: ${(error as Error).message}`);
    }
    try {
      db.pragma("busy_timeout = 5000");
      if (!readOnly) {
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = FULL");
      }
      const version = db.pragma("user_version", { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new HistoryError(
          `${file} was written by a newer Rampart (schema ${version}; this one knows ${SCHEMA_VERSION})`,
        );
      }
      if (version < SCHEMA_VERSION) {
        if (readOnly)
          throw new HistoryError(`${file} has an older schema (${version}): open it with rampart serve once`);
        for (let next = version; next < SCHEMA_VERSION; next++) {
          db.transaction(() => {
            db.exec(MIGRATIONS[next] as string);
            db.pragma(`user_version = ${next + 1}`);
          })();
        }
      }
    } catch (error) {
      db.close();
      if (error instanceof HistoryError) throw error;
      throw new HistoryError(`cannot open the scan history ${file}: ${(error as Error).message}`);
    }
    return new HistoryStore(db, file);
  }

  close(): void {
    this.db.close();
  }

  /**
   * An ID for a scan that will be stored later (a scan asked for and queued): never given twice,
   * even when that scan is never stored (it failed, or the process stopped).
   */
  reserveId(): number {
    return this.db.transaction(() => {
      const row = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'scans'").get() as
        | { seq: number }
        | undefined;
      const next = (row?.seq ?? 0) + 1;
      if (row === undefined) this.db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('scans', ?)").run(next);
      else this.db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'scans'").run(next);
      return next;
    })();
  }

  /**
   * Stores a scan (under `id` when one was reserved), updates the findings' open periods and
   * applies retention, in one transaction.
   */
  add(scan: NewScan, retention: Retention = {}, id?: number): number {
    const db = this.db;
    const insert = db.prepare(
      "INSERT INTO scans (id, date, finished_at, duration_ms, trigger, score, risk_score, summary, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const openFinding = db.prepare("SELECT id FROM findings WHERE key = ? AND resolved_at IS NULL");
    const seenAgain = db.prepare("UPDATE findings SET last_scan = ?, severity = ? WHERE id = ?");
    const opened = db.prepare(
      "INSERT INTO findings (key, control_id, severity, kind, namespace, name, first_scan, first_seen, last_scan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const stillOpen = db.prepare("SELECT id, key, control_id FROM findings WHERE resolved_at IS NULL");
    const resolve = db.prepare("UPDATE findings SET resolved_scan = ?, resolved_at = ?, resolution = ? WHERE id = ?");
    return db.transaction(() => {
      const { summary } = scan;
      const stored = Number(
        insert.run(
          id ?? null,
          summary.date,
          scan.finishedAt,
          Math.round(scan.durationMs),
          scan.trigger,
          summary.score,
          summary.riskScore,
          JSON.stringify(summary),
          Buffer.from(scan.reportGzip),
        ).lastInsertRowid,
      );
      const failing = new Set<string>();
      for (const finding of scan.findings) {
        failing.add(finding.key);
        const row = openFinding.get(finding.key) as { id: number } | undefined;
        if (row !== undefined) seenAgain.run(stored, finding.severity, row.id);
        else {
          opened.run(
            finding.key,
            finding.controlID,
            finding.severity,
            finding.kind,
            finding.namespace,
            finding.name,
            stored,
            summary.date,
            stored,
          );
        }
      }
      for (const row of stillOpen.all() as Array<{ id: number; key: string; control_id: string }>) {
        if (failing.has(row.key) || !scan.evaluatedControls.has(row.control_id)) continue;
        const assessment = scan.assessments.get(row.key);
        const resolution: Resolution =
          assessment === "excepted" ? "excepted" : assessment === "passed" ? "fixed" : "removed";
        resolve.run(stored, summary.date, resolution, row.id);
      }
      this.applyRetention(retention, summary.date);
      return stored;
    })();
  }

  private applyRetention(retention: Retention, now: string): void {
    if (retention.maxScans !== undefined) {
      this.db
        .prepare("DELETE FROM scans WHERE id NOT IN (SELECT id FROM scans ORDER BY date DESC, id DESC LIMIT ?)")
        .run(retention.maxScans);
    }
    if (retention.maxAgeDays !== undefined) {
      const cutoff = new Date(Date.parse(now) - retention.maxAgeDays * 86_400_000).toISOString();
      // The newest scan is always kept.
      this.db
        .prepare(
          "DELETE FROM scans WHERE date < ? AND id <> (SELECT id FROM scans ORDER BY date DESC, id DESC LIMIT 1)",
        )
        .run(cutoff);
      this.db.prepare("DELETE FROM findings WHERE resolved_at IS NOT NULL AND resolved_at < ?").run(cutoff);
    }
  }

  /** Stored scans, oldest first. */
  list(options: ListOptions = {}): StoredScan[] {
    const rows =
      options.since === undefined
        ? this.db
            .prepare("SELECT id, date, finished_at, duration_ms, trigger, summary FROM scans ORDER BY date, id")
            .all()
        : this.db
            .prepare(
              "SELECT id, date, finished_at, duration_ms, trigger, summary FROM scans WHERE date >= ? ORDER BY date, id",
            )
            .all(options.since.toISOString());
    return (rows as ScanRow[]).map(storedScan);
  }

  count(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM scans").get() as { n: number }).n;
  }

  get(id: number): StoredScan | undefined {
    const row = this.db
      .prepare("SELECT id, date, finished_at, duration_ms, trigger, summary FROM scans WHERE id = ?")
      .get(id) as ScanRow | undefined;
    return row === undefined ? undefined : storedScan(row);
  }

  /** The newest scan (by date). */
  latest(): StoredScan | undefined {
    const row = this.db
      .prepare(
        "SELECT id, date, finished_at, duration_ms, trigger, summary FROM scans ORDER BY date DESC, id DESC LIMIT 1",
      )
      .get() as ScanRow | undefined;
    return row === undefined ? undefined : storedScan(row);
  }

  /** The scan stored just before `id` (by date), for "what changed since the previous scan". */
  previous(id: number): StoredScan | undefined {
    const scan = this.get(id);
    if (scan === undefined) return undefined;
    const row = this.db
      .prepare(
        "SELECT id, date, finished_at, duration_ms, trigger, summary FROM scans WHERE date < ? OR (date = ? AND id < ?) ORDER BY date DESC, id DESC LIMIT 1",
      )
      .get(scan.summary.date, scan.summary.date, id) as ScanRow | undefined;
    return row === undefined ? undefined : storedScan(row);
  }

  /** The JSON report of a scan, as `rampart scan --format json` wrote it. */
  reportText(id: number): string | undefined {
    const row = this.db.prepare("SELECT report FROM scans WHERE id = ?").get(id) as { report: Buffer } | undefined;
    return row === undefined ? undefined : gunzipSync(row.report).toString("utf8");
  }

  /** The report, still compressed (served as is to clients that accept gzip). */
  reportGzip(id: number): Buffer | undefined {
    const row = this.db.prepare("SELECT report FROM scans WHERE id = ?").get(id) as { report: Buffer } | undefined;
    return row?.report;
  }

  /** Findings' open periods: those still open, and those resolved (for remediation times). */
  findings(): FindingPeriod[] {
    const rows = this.db
      .prepare(
        "SELECT key, control_id, severity, kind, namespace, name, first_scan, first_seen, last_scan, resolved_at, resolution FROM findings ORDER BY id",
      )
      .all() as FindingRow[];
    return rows.map((row) => ({
      key: row.key,
      controlID: row.control_id,
      severity: row.severity,
      kind: row.kind,
      namespace: row.namespace,
      name: row.name,
      firstScan: row.first_scan,
      firstSeen: row.first_seen,
      lastScan: row.last_scan,
      resolvedAt: row.resolved_at,
      resolution: row.resolution,
    }));
  }

  /** Runs SQLite's own consistency check ("ok" when the file is sound). */
  integrityCheck(): string {
    return String(this.db.pragma("integrity_check", { simple: true }));
  }
}

function storedScan(row: ScanRow): StoredScan {
  return {
    id: row.id,
    summary: JSON.parse(row.summary) as ScanSummary,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    trigger: row.trigger,
  };
}
