// The configuration of `rampart serve`: the scheduled scan in the form the Kubescape operator's
// ConfigMap uses (`{"scan": {"scanSchedule", "frameworks", "scanScope"}}`), with the exceptions and
// the controls config `rampart scan` takes (files, relative to this one), and how long history is
// kept. JSON or YAML. Every problem is refused at start with the file, the line and the field.
//
//   {
//     "scan": {
//       "scanSchedule": "0 2 * * *",          // cron (5 fields, or 6 with seconds); none: on demand only
//       "timeZone": "Europe/Paris",           // IANA name; UTC when absent
//       "frameworks": ["nsa", "mitre", "cis-v1.23-t1.0.1"],
//       "scanScope": {"includeNamespaces": ["production"], "excludeNamespaces": ["kube-system"]},
//       "exceptions": ["exceptions.yaml"],    // or one file as a string
//       "controlsConfig": "controls-config.yaml",
//       "clusterName": "production-cluster"
//     },
//     "history": {"retention": {"maxScans": 1000, "maxAgeDays": 90}}
//   }
import path from "node:path";
import { Cron } from "croner";
import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from "yaml";
import { ConfigError, loadConfig, locate, type ParsedConfig, suggestion } from "../config/source-errors.js";
import type { Retention } from "../history/store.js";
import { builtinLibrary } from "../selection.js";

export interface ServeConfig {
  /** The file it was read from (absolute), or undefined for the defaults. */
  readonly file: string | undefined;
  /** A cron expression; undefined: scans run only when asked for. */
  readonly schedule: string | undefined;
  /** IANA time zone of the schedule. */
  readonly timeZone: string;
  readonly frameworks: readonly string[];
  readonly includeNamespaces: readonly string[] | undefined;
  readonly excludeNamespaces: readonly string[] | undefined;
  /** Exception files, absolute. */
  readonly exceptions: readonly string[];
  /** The controls config file, absolute. */
  readonly controlsConfig: string | undefined;
  readonly clusterName: string;
  readonly retention: Retention;
}

/** With no configuration: every built-in framework, on demand, history kept for a year. */
export function defaultServeConfig(): ServeConfig {
  return {
    file: undefined,
    schedule: undefined,
    timeZone: "UTC",
    frameworks: [...builtinLibrary().frameworks.keys()],
    includeNamespaces: undefined,
    excludeNamespaces: undefined,
    exceptions: [],
    controlsConfig: undefined,
    clusterName: "",
    retention: { maxAgeDays: 365 },
  };
}

/** The next run of a schedule after `from` (undefined when the expression never fires again). */
export function nextRun(schedule: string, timeZone: string, from = new Date()): Date | undefined {
  return new Cron(schedule, { paused: true, timezone: timeZone }).nextRun(from) ?? undefined;
}

export function readServeConfig(file: string): ServeConfig {
  const config = loadConfig(file, "serve configuration");
  const root = config.document.contents;
  const defaults = defaultServeConfig();
  if (root === null) return { ...defaults, file: path.resolve(file) };
  const reader = new Reader(config);
  const top = reader.mapping(root, "the configuration", ["scan", "history"]);
  const scan = top.get("scan");
  const settings: {
    -readonly [K in keyof ServeConfig]: ServeConfig[K];
  } = { ...defaults, file: path.resolve(file) };
  const base = path.dirname(path.resolve(file));
  if (scan !== undefined) {
    const fields = reader.mapping(scan.value, "scan", [
      "scanSchedule",
      "timeZone",
      "frameworks",
      "scanScope",
      "exceptions",
      "controlsConfig",
      "clusterName",
    ]);
    const timeZone = fields.get("timeZone");
    if (timeZone !== undefined) {
      settings.timeZone = reader.string(timeZone.value, "scan.timeZone");
      if (!isTimeZone(settings.timeZone)) {
        reader.fail(
          timeZone.value,
          `scan.timeZone: unknown time zone "${settings.timeZone}" (an IANA name such as Europe/Paris, or UTC)`,
        );
      }
    }
    const schedule = fields.get("scanSchedule");
    if (schedule !== undefined) {
      settings.schedule = reader.string(schedule.value, "scan.scanSchedule");
      try {
        nextRun(settings.schedule, settings.timeZone);
      } catch (error) {
        reader.fail(
          schedule.value,
          `scan.scanSchedule: "${settings.schedule}" is not a cron expression: ${(error as Error).message.replace(/^CronPattern: /, "")}`,
        );
      }
    }
    const frameworks = fields.get("frameworks");
    if (frameworks !== undefined) {
      const known = [...builtinLibrary().frameworks.keys()];
      settings.frameworks = reader.strings(frameworks.value, "scan.frameworks", (name, node) => {
        if (!known.includes(name))
          reader.fail(
            node,
            `scan.frameworks: unknown framework "${name}"${suggestion(name, known)}; known: ${known.join(", ")}`,
          );
      });
      if (settings.frameworks.length === 0)
        reader.fail(frameworks.value, "scan.frameworks: name at least one framework");
    }
    const scope = fields.get("scanScope");
    if (scope !== undefined) {
      const scopeFields = reader.mapping(scope.value, "scan.scanScope", ["includeNamespaces", "excludeNamespaces"]);
      const include = scopeFields.get("includeNamespaces");
      const exclude = scopeFields.get("excludeNamespaces");
      // An empty list is no filter, as the operator reads it.
      if (include !== undefined) {
        const names = reader.strings(include.value, "scan.scanScope.includeNamespaces");
        settings.includeNamespaces = names.length === 0 ? undefined : names;
      }
      if (exclude !== undefined) {
        const names = reader.strings(exclude.value, "scan.scanScope.excludeNamespaces");
        settings.excludeNamespaces = names.length === 0 ? undefined : names;
      }
    }
    const exceptions = fields.get("exceptions");
    if (exceptions !== undefined) {
      const files = isScalar(exceptions.value)
        ? [reader.string(exceptions.value, "scan.exceptions")]
        : reader.strings(exceptions.value, "scan.exceptions");
      settings.exceptions = files.map((name) => path.resolve(base, name));
    }
    const controlsConfig = fields.get("controlsConfig");
    if (controlsConfig !== undefined)
      settings.controlsConfig = path.resolve(base, reader.string(controlsConfig.value, "scan.controlsConfig"));
    const clusterName = fields.get("clusterName");
    if (clusterName !== undefined) settings.clusterName = reader.string(clusterName.value, "scan.clusterName");
  }
  const history = top.get("history");
  if (history !== undefined) {
    const fields = reader.mapping(history.value, "history", ["retention"]);
    const retention = fields.get("retention");
    if (retention !== undefined) {
      const limits = reader.mapping(retention.value, "history.retention", ["maxScans", "maxAgeDays"]);
      const maxScans = limits.get("maxScans");
      const maxAgeDays = limits.get("maxAgeDays");
      settings.retention = {
        ...(maxScans === undefined
          ? {}
          : { maxScans: reader.positive(maxScans.value, "history.retention.maxScans", true) }),
        ...(maxAgeDays === undefined
          ? {}
          : { maxAgeDays: reader.positive(maxAgeDays.value, "history.retention.maxAgeDays", false) }),
      };
    }
  }
  return settings;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Reads nodes of the parsed file; every refusal names the file, the line and the field. */
class Reader {
  constructor(private readonly config: ParsedConfig) {}

  fail(node: unknown, message: string): never {
    throw new ConfigError(`${locate(this.config, node)}: ${message}`);
  }

  /** The pairs of a mapping by key; an unknown key is refused with the nearest known one. */
  mapping(node: unknown, field: string, keys: readonly string[]): Map<string, Pair> {
    if (!isMap(node)) this.fail(node, `${field} is a mapping (${keys.join(", ")})`);
    const pairs = new Map<string, Pair>();
    for (const pair of (node as YAMLMap).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      const where = field === "the configuration" ? key : `${field}.${key}`;
      if (!keys.includes(key)) this.fail(pair.key, `unknown field "${where}"${suggestion(key, keys)}`);
      pairs.set(key, pair);
    }
    return pairs;
  }

  string(node: unknown, field: string): string {
    if (!isScalar(node) || typeof node.value !== "string") this.fail(node, `${field} is a string`);
    return (node as { value: string }).value;
  }

  strings(node: unknown, field: string, check?: (value: string, node: unknown) => void): string[] {
    if (!isSeq(node)) this.fail(node, `${field} is a list of strings`);
    return (node as { items: unknown[] }).items.map((item) => {
      const value = this.string(item, `each entry of ${field}`);
      check?.(value, item);
      return value;
    });
  }

  positive(node: unknown, field: string, integer: boolean): number {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== "number" || !(value > 0) || (integer && !Number.isInteger(value)))
      this.fail(node, `${field} is a ${integer ? "whole " : ""}number above 0`);
    return value as number;
  }
}
