// `rampart list controls [--framework X]` and `rampart list frameworks`: what Rampart can check,
// as a table or JSON (runtime/control-facts.ts gathers the facts).
import { type Command, InvalidArgumentError } from "commander";
import { type ControlFacts, controlFacts, type FrameworkFacts, frameworkFacts } from "../../control-facts.js";
import { table } from "../../report/table.js";
import { builtinLibrary, selectFrameworks } from "../../selection.js";
import { type CliIo, EXIT } from "../io.js";

type ListFormat = "pretty-printer" | "json";

interface ListFlags {
  readonly format: ListFormat;
  readonly framework?: string;
}

function listFormat(value: string): ListFormat {
  if (value !== "pretty-printer" && value !== "json") throw new InvalidArgumentError("pretty-printer or json");
  return value;
}

export function registerList(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const list = program.command("list").description("list the controls and frameworks Rampart knows");
  list
    .command("controls")
    .description(
      "every control (or a framework's): severity, area, implemented or not, ValidatingAdmissionPolicy and from which Kubernetes version, what else it reads",
    )
    .option("--framework <name>", "only the controls of this framework")
    .option("-f, --format <format>", "pretty-printer or json", listFormat, "pretty-printer")
    .action((flags: ListFlags) => setExit(listControls(io, flags)));
  list
    .command("frameworks")
    .description("the frameworks: their controls, how many are implemented and deploy as admission policies")
    .option("-f, --format <format>", "pretty-printer or json", listFormat, "pretty-printer")
    .action((flags: ListFlags) => setExit(listFrameworks(io, flags)));
}

function listControls(io: CliIo, flags: ListFlags): number {
  const library = builtinLibrary();
  // An unknown framework is a SelectionError naming the known ones; a title (NSA) is accepted.
  const framework =
    flags.framework === undefined ? undefined : selectFrameworks(library, [flags.framework]).frameworks[0]?.name;
  const controls = controlFacts(library, framework);
  if (flags.format === "json") {
    io.stdout(`${JSON.stringify({ controls: controls.map(controlJson) }, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = controls.map((control) => [
    control.id,
    control.name,
    control.severity,
    control.area ?? "-",
    control.implemented ? "yes" : "no",
    admissionText(control),
    needsText(control),
  ]);
  const headers = ["ID", "Name", "Severity", "Area", "Implemented", "Admission (VAP)", "Also reads"];
  const implemented = controls.filter((control) => control.implemented).length;
  const scope = framework === undefined ? "" : ` (framework ${framework})`;
  io.stdout(
    `${table(
      headers,
      rows,
      headers.map(() => "left"),
    )}\n`,
  );
  io.stdout(`${controls.length} controls, ${implemented} implemented${scope}\n`);
  return EXIT.ok;
}

function listFrameworks(io: CliIo, flags: ListFlags): number {
  const frameworks = frameworkFacts(builtinLibrary());
  if (flags.format === "json") {
    io.stdout(`${JSON.stringify({ frameworks }, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = frameworks.map((framework: FrameworkFacts) => [
    framework.name,
    framework.title,
    String(framework.controls),
    String(framework.implemented),
    String(framework.admissionPolicies),
  ]);
  io.stdout(
    `${table(["Name", "Title", "Controls", "Implemented", "As VAP"], rows, ["left", "left", "right", "right", "right"])}\n`,
  );
  return EXIT.ok;
}

/** `from 1.33`, `no: reads other objects …`, `-` when not known. */
function admissionText(control: ControlFacts): string {
  if (control.admission === undefined) return "-";
  return control.admission.vap ? `yes, from ${control.admission.fromKubernetes}` : "no (scan only)";
}

/** `other objects (NetworkPolicy)`, `node data`, `cloud data (EKS)`, or `-`. */
function needsText(control: ControlFacts): string {
  const needs = [
    ...(control.readsKinds !== undefined && control.readsKinds.length > 0
      ? [`other objects (${control.readsKinds.join(", ")})`]
      : []),
    ...(control.needsNodeData ? ["node data"] : []),
    ...(control.needsCloudData.length > 0 ? [`cloud data (${control.needsCloudData.join(", ")})`] : []),
  ];
  return needs.length === 0 ? "-" : needs.join("; ");
}

function controlJson(control: ControlFacts) {
  return {
    id: control.id,
    name: control.name,
    severity: control.severity,
    baseScore: control.baseScore,
    area: control.area ?? null,
    implemented: control.implemented,
    frameworks: control.frameworks,
    admission:
      control.admission === undefined
        ? null
        : control.admission.vap
          ? { validatingAdmissionPolicy: true, fromKubernetes: control.admission.fromKubernetes }
          : { validatingAdmissionPolicy: false, reason: control.admission.reason },
    readsOtherObjects: control.readsKinds ?? null,
    needsNodeData: control.needsNodeData,
    needsCloudData: control.needsCloudData,
  };
}
