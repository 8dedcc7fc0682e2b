// A diff of two scans in words, as `rampart diff` prints it and `rampart scan --baseline` lists
// the new findings.
import type { Finding, FindingsDiff } from "./findings.js";

/** `High  C-0016 Allow privilege escalation  Deployment shop/web`. */
export function findingLine(finding: Finding): string {
  const object = `${finding.kind} ${finding.namespace === null ? "" : `${finding.namespace}/`}${finding.name}`;
  return `${finding.severity.padEnd(8)} ${finding.controlID} ${finding.controlName}  ${object}`;
}

function section(title: string, findings: readonly Finding[], withMessages: boolean): string[] {
  if (findings.length === 0) return [`${title}: none`];
  return [
    `${title} (${findings.length}):`,
    ...findings.flatMap((finding) => [
      `  ${findingLine(finding)}`,
      ...(withMessages ? finding.messages.map((message) => `      - ${message}`) : []),
    ]),
  ];
}

export function diffText(diff: FindingsDiff, header: string, verbose: boolean): string {
  return `${[
    header,
    "",
    ...section("New findings", diff.new, true),
    "",
    ...section("Fixed", diff.fixed, false),
    "",
    ...(verbose
      ? section("Still failing", diff.stillFailing, false)
      : [`Still failing: ${diff.stillFailing.length}${diff.stillFailing.length > 0 ? " (--verbose lists them)" : ""}`]),
    ...(diff.notEvaluated.length > 0
      ? ["", ...section("Not evaluated by the later scan (not known to be fixed)", diff.notEvaluated, false)]
      : []),
  ].join("\n")}\n`;
}
