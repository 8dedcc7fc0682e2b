// SARIF 2.1.0 (OASIS), for code scanning: a rule per evaluated control, a result per failing
// object × control, placed at the line and column of the first failing field. A failure that an
// exception accepts is kept, as a result with an external suppression carrying the justification;
// skipped controls and skipped inputs are tool notifications. Checked against the SARIF 2.1.0
// JSON schema in test/report/sarif.test.ts.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { TextReader } from "../input/positions.js";
import type { ControlResult, ResourceResult, ScanResult } from "../scan.js";
import { rounded, type Severity } from "../score.js";
import type { ReportContext } from "./json.js";
import { type FailureLocations, type FieldLocation, failureLocations, firstPath, isReported } from "./locations.js";
import { coverageText, skippedInputText } from "./summary.js";

export const SARIF_SCHEMA =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

type Level = "error" | "warning" | "note";

const LEVEL = {
  Critical: "error",
  High: "error",
  Medium: "warning",
  Low: "note",
} as const satisfies Record<Severity, Level>;

interface Message {
  readonly text: string;
}

interface Region {
  readonly startLine: number;
  readonly startColumn?: number;
}

interface PhysicalLocation {
  readonly artifactLocation: { readonly uri: string };
  readonly region?: Region;
}

interface Location {
  readonly id?: number;
  readonly physicalLocation: PhysicalLocation;
  readonly logicalLocations?: ReadonlyArray<{
    readonly name: string;
    readonly fullyQualifiedName: string;
    readonly kind: string;
  }>;
  readonly message?: Message;
}

interface Rule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: Message;
  readonly fullDescription: Message;
  readonly help: Message;
  readonly defaultConfiguration: { readonly level: Level };
  readonly properties: Readonly<Record<string, unknown>>;
}

interface Result {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: Level;
  readonly message: Message;
  readonly locations: readonly Location[];
  readonly relatedLocations?: readonly Location[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly suppressions?: ReadonlyArray<{
    readonly kind: "external";
    readonly status: "accepted";
    readonly justification: string;
    readonly properties: Readonly<Record<string, string>>;
  }>;
  readonly properties: Readonly<Record<string, unknown>>;
}

interface Notification {
  readonly level: Level;
  readonly message: Message;
  readonly descriptor?: { readonly id: string };
  readonly associatedRule?: { readonly id: string };
  readonly locations?: readonly Location[];
}

export interface SarifOptions {
  /** How files are read again for line numbers (tests give texts). */
  readonly read?: TextReader;
}

/**
 * A path as a URI reference: relative paths stay relative (segments percent-encoded, `/`
 * separators), absolute ones become `file:` URIs.
 */
export function fileUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split(path.sep)
    .join("/")
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

function physical(location: FieldLocation): PhysicalLocation {
  return {
    artifactLocation: { uri: fileUri(location.file) },
    region:
      location.column === undefined
        ? { startLine: location.line }
        : { startLine: location.line, startColumn: location.column },
  };
}

function rule(result: ControlResult): Rule {
  const { control: selected } = result;
  const control = selected.control;
  return {
    id: selected.id,
    name: selected.name,
    shortDescription: { text: selected.name },
    fullDescription: { text: control?.description ?? selected.name },
    help: { text: control?.remediation ?? "" },
    defaultConfiguration: { level: LEVEL[result.severity] },
    properties: {
      "security-severity": selected.baseScore.toFixed(1),
      severity: result.severity,
      tags: ["security", "kubernetes", ...(selected.category === "" ? [] : [selected.category])],
      frameworks: selected.frameworks,
    },
  };
}

function message(resource: ResourceResult, controlName: string): string {
  if (resource.status === "error") return `could not be evaluated: ${resource.error ?? "unknown error"}`;
  const messages = resource.violations.map((violation) => violation.message);
  return messages.length > 0 ? messages.join("; ") : `fails ${controlName}`;
}

function locationsOf(resource: ResourceResult, locations: FailureLocations): Location[] {
  const { object } = resource;
  const field = physical(locations.at(object, firstPath(resource)));
  const logicalLocations = [{ name: object.name, fullyQualifiedName: object.resourceID, kind: "resource" }];
  const template = object.source.template;
  if (template === undefined) return [{ physicalLocation: field, logicalLocations }];
  // Helm output: the template is what users edit; its lines differ from the rendered ones, so the
  // rendered file keeps the line and column, as a second location.
  return [
    { physicalLocation: { artifactLocation: { uri: fileUri(template) } }, logicalLocations },
    { physicalLocation: field, logicalLocations, message: { text: "rendered manifest" } },
  ];
}

function related(resource: ResourceResult, locations: FailureLocations): Location[] {
  const first = firstPath(resource);
  const paths = [...new Set(resource.violations.flatMap((violation) => violation.paths))].filter(
    (entry) => entry !== first,
  );
  return paths.map((entry, index) => ({
    id: index + 1,
    physicalLocation: physical(locations.at(resource.object, entry)),
    message: { text: entry },
  }));
}

function sarifResult(
  control: ControlResult,
  ruleIndex: number,
  resource: ResourceResult,
  locations: FailureLocations,
): Result {
  const { object } = resource;
  const others = related(resource, locations);
  return {
    ruleId: control.control.id,
    ruleIndex,
    level: LEVEL[control.severity],
    message: { text: message(resource, control.control.name) },
    locations: locationsOf(resource, locations),
    ...(others.length > 0 ? { relatedLocations: others } : {}),
    partialFingerprints: { "rampartResource/v1": `${control.control.id}|${object.resourceID}` },
    ...(resource.exception === undefined
      ? {}
      : {
          suppressions: [
            {
              kind: "external" as const,
              status: "accepted" as const,
              justification: resource.exception.justification,
              properties: { exception: resource.exception.name, where: resource.exception.where },
            },
          ],
        }),
    properties: {
      resourceID: object.resourceID,
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.name,
      namespace: object.namespace ?? null,
      status: resource.status,
      file: object.source.file,
      documentIndex: object.source.documentIndex,
      ...(object.source.itemIndex === undefined ? {} : { itemIndex: object.source.itemIndex }),
      ...(object.source.template === undefined ? {} : { template: object.source.template }),
      paths: resource.violations.flatMap((violation) => violation.paths),
      fixes: resource.violations.flatMap((violation) => violation.fixes),
    },
  };
}

function notifications(result: ScanResult): Notification[] {
  const skippedControls = result.controls
    .filter((control) => control.status === "skipped")
    .map(
      (control): Notification => ({
        level: "note",
        message: {
          text: `${control.control.id} ${control.control.name} was skipped: ${control.statusReason ?? "not evaluated"}`,
        },
        descriptor: { id: "skipped-control" },
        associatedRule: { id: control.control.id },
      }),
    );
  const skippedInputs = result.skippedInputs.map(
    (input): Notification => ({
      level: "warning",
      message: { text: skippedInputText(input) },
      descriptor: { id: "skipped-input" },
      locations: [{ physicalLocation: physical({ file: input.file, line: input.line ?? 1 }) }],
    }),
  );
  return [...skippedControls, ...skippedInputs];
}

export function sarifReport(result: ScanResult, context: ReportContext, options: SarifOptions = {}) {
  const evaluated = result.controls.filter((control) => control.status !== "skipped");
  const locations = failureLocations(result, options.read);
  const results = evaluated.flatMap((control, ruleIndex) =>
    control.resources.filter(isReported).map((resource) => sarifResult(control, ruleIndex, resource, locations)),
  );
  const category = result.frameworks.map((framework) => framework.framework.name).join(",") || "controls";
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "rampart",
            version: context.version,
            semanticVersion: context.version,
            rules: evaluated.map(rule),
          },
        },
        automationDetails: { id: `rampart/${category}/` },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: context.scanDate.toISOString(),
            toolExecutionNotifications: notifications(result),
          },
        ],
        columnKind: "utf16CodeUnits",
        results,
        properties: {
          clusterName: context.clusterName,
          complianceScore: rounded(result.complianceScore),
          riskScore: rounded(result.riskScore),
          coverage: coverageText(result),
        },
      },
    ],
  };
}

export type SarifLog = ReturnType<typeof sarifReport>;
