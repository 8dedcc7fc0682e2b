// The deliberate differences between Rampart's verdicts and Kubescape's
// (frameworks/kubescape-differences.yaml): read and checked once, for the conformance tests and
// for the page that lists them for users (docs/kubescape-differences.md).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../compiler/tools.js";

export interface KubescapeDifference {
  readonly control: string;
  /** What Rampart does otherwise, for users. */
  readonly differs: string;
  readonly why: string;
  /** Objects of the live cluster (`Kind/namespace/name`) that fail in one tool only. */
  readonly live: { readonly failOnlyInRampart: readonly string[]; readonly failOnlyInKubescape: readonly string[] };
  /** `rule/case` of Kubescape's rule cases whose failing objects differ → reason. */
  readonly cases: Readonly<Record<string, string>>;
  /** `rule/case Kind/namespace/name: path` → reason. */
  readonly paths: Readonly<Record<string, string>>;
}

export const DIFFERENCES_FILE = path.join(PROJECT_ROOT, "frameworks", "kubescape-differences.yaml");

function strings(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string"))
    throw new Error(`${DIFFERENCES_FILE}: ${where} must be a list of strings`);
  return value as string[];
}

function reasons(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value) || Object.values(value).some((v) => typeof v !== "string"))
    throw new Error(`${DIFFERENCES_FILE}: ${where} must map each entry to its reason`);
  return value as Record<string, string>;
}

const KNOWN_FIELDS = new Set(["differs", "why", "live", "cases", "paths"]);

/** Every listed difference, by control ID in file order; a malformed entry throws with its place. */
export function loadDifferences(file = DIFFERENCES_FILE): ReadonlyMap<string, KubescapeDifference> {
  const document = (parse(readFileSync(file, "utf8")) ?? {}) as Record<string, Record<string, unknown>>;
  return new Map(
    Object.entries(document).map(([control, entry]) => {
      const unknown = Object.keys(entry ?? {}).filter((field) => !KNOWN_FIELDS.has(field));
      if (unknown.length > 0) throw new Error(`${file}: ${control}: unknown field ${unknown.join(", ")}`);
      if (typeof entry?.differs !== "string" || typeof entry.why !== "string")
        throw new Error(`${file}: ${control} needs differs: and why:`);
      const live = (entry.live ?? {}) as Record<string, unknown>;
      return [
        control,
        {
          control,
          differs: entry.differs,
          why: entry.why,
          live: {
            failOnlyInRampart: strings(live.failOnlyInRampart, `${control}.live.failOnlyInRampart`),
            failOnlyInKubescape: strings(live.failOnlyInKubescape, `${control}.live.failOnlyInKubescape`),
          },
          cases: reasons(entry.cases, `${control}.cases`),
          paths: reasons(entry.paths, `${control}.paths`),
        },
      ];
    }),
  );
}
