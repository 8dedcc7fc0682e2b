// JUnit XML, for CI test tabs: a <testsuite> per framework (one named "controls" when controls
// are named directly), a <testcase> per control. A failed control has a <failure> listing its
// failing objects with file:line and the violations; a skipped control has <skipped> with the
// reason; failures accepted by exceptions are listed too, as accepted. Checked with an XML parser
// in test/report/junit.test.ts.
import type { TextReader } from "../input/positions.js";
import { type ControlResult, isFailing, type ResourceResult, type ScanResult, type Scores } from "../scan.js";
import { rounded } from "../score.js";
import type { ReportContext } from "./json.js";
import { type FailureLocations, failureLocations, firstPath } from "./locations.js";
import { controlCounts, coverageText, fixText, namespacedLabel } from "./summary.js";
import { startTag, xmlText } from "./xml.js";

export interface JunitOptions {
  readonly read?: TextReader;
}

interface Suite {
  readonly name: string;
  readonly title: string;
  readonly controls: readonly ControlResult[];
  readonly scores: Scores;
}

interface Counts {
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
}

/** Objects named in a failure message before "and N more". */
const MESSAGE_OBJECTS = 10;

function counts(controls: readonly ControlResult[]): Counts {
  const { total, failed, skipped } = controlCounts(controls);
  return { tests: total, failures: failed, skipped };
}

function where(resource: ResourceResult, locations: FailureLocations): string {
  const location = locations.at(resource.object, firstPath(resource));
  return `${location.file}:${location.line}${location.column === undefined ? "" : `:${location.column}`}`;
}

function objectLines(resource: ResourceResult, locations: FailureLocations): string[] {
  const lines = [`${namespacedLabel(resource.object)} (${where(resource, locations)})`];
  if (resource.exception !== undefined) {
    lines.push(
      `  accepted by exception "${resource.exception.name}" (${resource.exception.where}): ${resource.exception.justification}`,
    );
  }
  if (resource.error !== undefined) lines.push(`  could not be evaluated: ${resource.error}`);
  for (const violation of resource.violations) {
    lines.push(`  - ${violation.message}`);
    for (const path of violation.paths) lines.push(`    at ${path}`);
    for (const fix of violation.fixes) lines.push(`    fix: ${fixText(fix)}`);
  }
  return lines;
}

function failureMessage(control: ControlResult, failing: readonly ResourceResult[]): string {
  const names = failing.slice(0, MESSAGE_OBJECTS).map((resource) => namespacedLabel(resource.object));
  const more = failing.length > MESSAGE_OBJECTS ? `, and ${failing.length - MESSAGE_OBJECTS} more` : "";
  const action = control.action === "warn" ? " (action: warn)" : "";
  return `${control.counts.failed} of ${control.counts.all} resources fail${action}: ${names.join(", ")}${more}`;
}

function testcase(suite: Suite, control: ControlResult, locations: FailureLocations): string {
  const open = startTag("testcase", { classname: suite.name, name: `${control.control.id} ${control.control.name}` });
  const failing = control.resources.filter(isFailing);
  const excepted = control.resources.filter((resource) => resource.status === "excepted");
  const details = (resources: readonly ResourceResult[]) =>
    resources.flatMap((resource) => objectLines(resource, locations)).join("\n");
  switch (control.status) {
    case "skipped":
      return `    ${open}>\n      ${startTag("skipped", { message: control.statusReason ?? "not evaluated" })}/>\n    </testcase>`;
    case "failed": {
      const remediation = control.control.control?.remediation;
      const body = [
        details([...failing, ...excepted]),
        ...(remediation === undefined ? [] : [`remediation: ${remediation}`]),
      ];
      const failure = startTag("failure", { message: failureMessage(control, failing), type: control.severity });
      return `    ${open}>\n      ${failure}>${xmlText(body.join("\n"))}</failure>\n    </testcase>`;
    }
    case "passed":
      if (excepted.length === 0) return `    ${open}/>`;
      return `    ${open}>\n      <system-out>${xmlText(details(excepted))}</system-out>\n    </testcase>`;
    default:
      return assertNever(control.status);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected control status ${String(value)}`);
}

function property(name: string, value: string | number | null): string {
  return `      ${startTag("property", { name, value: value === null ? "n/a" : String(value) })}/>`;
}

function testsuite(suite: Suite, context: ReportContext, locations: FailureLocations): string {
  const { tests, failures, skipped } = counts(suite.controls);
  const open = startTag("testsuite", {
    name: suite.name,
    tests,
    failures,
    errors: 0,
    skipped,
    timestamp: context.scanDate.toISOString(),
  });
  const properties = [
    property("title", suite.title),
    property("complianceScore", rounded(suite.scores.complianceScore)),
    property("riskScore", rounded(suite.scores.riskScore)),
    property("coverage", coverageText(suite.scores)),
  ];
  const cases = suite.controls.map((control) => testcase(suite, control, locations));
  return [`  ${open}>`, "    <properties>", ...properties, "    </properties>", ...cases, "  </testsuite>"].join("\n");
}

export function junitReport(result: ScanResult, context: ReportContext, options: JunitOptions = {}): string {
  const suites: Suite[] =
    result.frameworks.length > 0
      ? result.frameworks.map((framework) => ({
          name: framework.framework.name,
          title: framework.framework.title,
          controls: framework.controls,
          scores: framework,
        }))
      : [{ name: "controls", title: "Controls", controls: result.controls, scores: result }];
  const locations = failureLocations(result, options.read);
  const total = suites.map((suite) => counts(suite.controls));
  const open = startTag("testsuites", {
    name: "rampart",
    tests: total.reduce((sum, entry) => sum + entry.tests, 0),
    failures: total.reduce((sum, entry) => sum + entry.failures, 0),
    errors: 0,
    skipped: total.reduce((sum, entry) => sum + entry.skipped, 0),
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `${open}>`,
    ...suites.map((suite) => testsuite(suite, context, locations)),
    "</testsuites>",
    "",
  ].join("\n");
}
