// The exported ValidatingAdmissionPolicies applied to a real kube-apiserver. For every control
// with a policy (generated/manifest.json, so that controls added later are covered), its policy
// and bindings are accepted; each fixture object, as every workload kind its case expands to, is
// refused with the control's own message when the TypeScript check fails it and admitted when it
// passes, on the object as the server reviews it (after the API's pod defaults). Then `rampart
// admit` and the server give the same verdicts on a generated set of workloads with every policy.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { apiResourceOf, SCAN_ONLY_KINDS, WORKLOAD_KINDS } from "../../dsl/index.js";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import type { KubeObject } from "../../runtime/engine/engine.js";
import { GENERATED_DIR } from "../../runtime/generated.js";
import { BUILTIN_FIXTURE_DIR, type ConcreteCase, loadFixtures } from "../../runtime/testing/fixtures.js";
import { wrapPodSpec } from "../../runtime/testing/workloads.js";
import { rampart } from "../e2e/run-cli.js";
import { apiServerAvailable, seed, type TestApiServer, useApiServer } from "../support/apiserver.js";
import { tempFolder } from "../support/cli.js";
import {
  COMPLETED,
  dryRunOnServer,
  ephemeralBase,
  expectedMessage,
  expectedViolations,
  exportedPolicies,
  forTheApi,
  groupBindings,
  paramsObject,
  type ServerVerdict,
  type ServerWarning,
  warningsOnServer,
  yamlDocuments,
} from "../support/vap-cluster.js";

const controls = new Map(BUILTIN_CONTROLS.map((control) => [control.id, control]));
const policies = exportedPolicies();
const cases = loadFixtures(BUILTIN_FIXTURE_DIR, (id) => controls.get(id)?.parameters).filter((entry) =>
  policies.has(entry.control),
);

/**
 * Fixture objects whose verdict on a real cluster is not the fixture's, because the API server
 * changes the object before admission runs (`control | case | kind` patterns), with why. The
 * test fails when a changed object matches none, or a pattern matches none.
 */
const CHANGED_BY_THE_API: ReadonlyArray<{ readonly match: RegExp; readonly why: string }> = [
  {
    match: /^C-0044 \| hostNetwork without a hostPort passes .* \| Pod$/,
    why: "a Pod with hostNetwork: true gets hostPort = containerPort on every port (SetDefaults_Pod), which C-0044 refuses",
  },
  {
    match:
      /^C-0268 \| a CPU limit without a CPU request fails .* \| Pod$|^C-0269 \| a memory limit without a memory request fails .* \| Pod$/,
    why: "a Pod's requests default to its limits (SetDefaults_Pod): the request is there at admission",
  },
  {
    match:
      /^C-0294 \| (the deprecated field alone|both fields with different values|the deprecated field with an empty serviceAccountName) /,
    why: "serviceAccount is converted as an alias of serviceAccountName (the new field wins): at admission both always hold the same name, so C-0294 never fails there",
  },
];

interface Group {
  readonly control: string;
  readonly name: string;
  readonly namespace: string;
  readonly paramName: string;
  readonly cases: ConcreteCase[];
}

/** Cases of one control with the same inputs share a namespace, bindings and ControlInputs object. */
function groupsOf(all: readonly ConcreteCase[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const entry of all) {
    const key = `${entry.control} ${JSON.stringify(entry.inputs)}`;
    let group = byKey.get(key);
    if (group === undefined) {
      const index = [...byKey.values()].filter((g) => g.control === entry.control).length;
      const name = `${entry.control.toLowerCase()}-g${index}`;
      group = { control: entry.control, name, namespace: `vap-${name}`, paramName: `inputs-${name}`, cases: [] };
      byKey.set(key, group);
    }
    group.cases.push(entry);
  }
  return [...byKey.values()];
}

interface Trial {
  readonly group: Group;
  readonly label: string;
  readonly object: KubeObject;
  readonly fixtureFails: boolean;
  readonly expectedFails: boolean;
  readonly message: string;
}

function trialsOf(group: Group): Trial[] {
  const control = controls.get(group.control);
  if (control === undefined) throw new Error(`no control ${group.control}`);
  let ephemeral = 0;
  return group.cases.flatMap((entry) =>
    entry.objects.flatMap((raw, index) => {
      // A kind no API server serves (a cloud provider's cluster description) never reaches admission.
      if (SCAN_ONLY_KINDS.has(raw.kind as string)) return [];
      let object = forTheApi(raw, group.namespace, group.name);
      // A verdict that depends on the object's own namespace (C-0061) keeps it, scoped by label.
      const own = forTheApi(raw, group.namespace, group.name, true);
      const sameVerdict = (a: KubeObject, b: KubeObject) =>
        JSON.stringify(expectedViolations(control, a, entry.inputs).map((v) => v.paths)) ===
        JSON.stringify(expectedViolations(control, b, entry.inputs).map((v) => v.paths));
      if (apiResourceOf(raw.kind as string)?.namespaced === true && !sameVerdict(object, own)) object = own;
      if (ephemeralBase(object) !== undefined) {
        ephemeral += 1;
        const metadata = object.metadata as { name: string };
        object = { ...object, metadata: { ...metadata, name: `${metadata.name}-${group.name}-e${ephemeral}` } };
      }
      const expectation = entry.expectations.find((e) => e.objectIndex === index);
      const violations = expectedViolations(control, object, entry.inputs);
      return [
        {
          group,
          label: `${entry.control} | ${entry.name} | ${expectation?.label ?? `${raw.kind as string}`}`,
          object,
          fixtureFails: (expectation?.fails.length ?? 0) > 0,
          expectedFails: violations.length > 0,
          message: expectedMessage(control, object, violations),
        },
      ];
    }),
  );
}

/**
 * Polls dry runs of the group's objects that must be denied until one is (enforcement starts about
 * 0.5 s after a binding is created); objects the API's validation refuses cannot tell.
 */
async function untilEnforced(
  api: TestApiServer,
  candidates: ReadonlyArray<Pick<Trial, "label" | "object">>,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  let waiting = [...candidates];
  while (waiting.length > 0) {
    const still: typeof waiting = [];
    for (const candidate of waiting) {
      const verdict = await dryRunOnServer(api, candidate.object);
      if (verdict.verdict === "denied") return;
      if (verdict.verdict === "admitted") still.push(candidate);
    }
    waiting = still;
    if (waiting.length > 0 && Date.now() > deadline) {
      throw new Error(
        `none of ${waiting.map((c) => c.label).join(", ")} was denied within 60 s of creating the bindings`,
      );
    }
    if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `work` on every item, a few requests at a time (the server has two cores; hundreds at once time out). */
async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>, size = 6): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  }
  return results;
}

const available = apiServerAvailable();

describe.runIf(available)("the exported admission policies on a real kube-apiserver", () => {
  const api = useApiServer();
  const { file } = tempFolder("rampart-vap-");
  const groups = groupsOf(cases);
  const trials = groups.flatMap(trialsOf);
  const verdicts = new Map<Trial, ServerVerdict>();
  const inputsCrd = path.join(GENERATED_DIR, "vap", "control-inputs-crd.yaml");
  const defaultInputs = path.join(GENERATED_DIR, "vap", "control-inputs.yaml");

  beforeAll(async () => {
    const server = api.current;
    // Each namespace with the service accounts its pods name (the ServiceAccount admission plugin
    // refuses a Pod whose account does not exist; no controller makes `default` here).
    const accounts = new Map<string, Set<string>>(
      [...groups.map((g) => g.namespace), "admit-all"].map((ns) => [ns, new Set(["default"])]),
    );
    for (const trial of trials) {
      const namespace = (trial.object.metadata as { namespace?: string }).namespace;
      const spec = podSpecIn(trial.object) as { serviceAccountName?: string; serviceAccount?: string } | undefined;
      const names = [spec?.serviceAccountName, spec?.serviceAccount].filter(
        (n): n is string => typeof n === "string" && n !== "",
      );
      if (namespace !== undefined)
        accounts.set(namespace, new Set([...(accounts.get(namespace) ?? []), "default", ...names]));
      for (const name of names) accounts.get("admit-all")?.add(name);
    }
    for (const [namespace, names] of accounts) {
      for (const object of [
        { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } },
        ...[...names].map((name) => ({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } })),
      ]) {
        const answer = await server.create(object);
        expect([201, 409], `${object.kind} ${namespace}: ${String(answer.body.message)}`).toContain(answer.status);
      }
    }
    // Pods that get ephemeral containers exist first (created before any binding).
    await seed(
      server,
      trials.flatMap((trial) => {
        const base = ephemeralBase(trial.object);
        return base === undefined ? [] : [base];
      }),
    );
    await seed(server, yamlDocuments(inputsCrd));
    const deadline = Date.now() + 60_000;
    while ((await server.request("GET", "/apis/rampart.dev/v1alpha1/controlinputs")).status !== 200) {
      if (Date.now() > deadline) throw new Error("the ControlInputs CRD was not served within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await seed(server, yamlDocuments(defaultInputs));
    for (const [id, policyFile] of policies) {
      const [policy, binding] = yamlDocuments(policyFile) as [Record<string, unknown>, Record<string, unknown>];
      const policyName = (policy.metadata as { name: string }).name;
      await seed(server, [policy]);
      for (const group of groups.filter((g) => g.control === id)) {
        await seed(server, [paramsObject(group.paramName, group.cases[0]?.inputs as never)]);
        await seed(
          server,
          // Deny whatever the control's own action: the server's refusal is the policy's verdict.
          groupBindings(binding, `${policyName}-${group.name}`, group.namespace, group.name, group.paramName, ["Deny"]),
        );
      }
      // Every policy in one namespace, with the default control inputs, for `rampart admit`; Warn,
      // so that the server reports every policy an object fails, not only the first.
      await seed(
        server,
        groupBindings(binding, `${policyName}-all`, "admit-all", "admit-all", "rampart-control-inputs", ["Warn"]),
      );
    }
    for (const group of groups) {
      await untilEnforced(
        server,
        trials.filter(
          (trial) => trial.group === group && trial.expectedFails && ephemeralBase(trial.object) === undefined,
        ),
      );
    }
    const found = await inBatches(trials, (trial) => dryRunOnServer(server, trial.object));
    for (const [index, trial] of trials.entries()) verdicts.set(trial, found[index] as ServerVerdict);
  }, 600_000);

  it("covers every control with an exported policy, each with objects refused and objects admitted", () => {
    for (const id of policies.keys()) {
      const reached = trials.filter(
        (trial) => trial.group.control === id && verdicts.get(trial)?.verdict !== "unreachable",
      );
      // A control whose every failing fixture the API changes first can refuse nothing (C-0294).
      const neverRefused = reached
        .filter((trial) => trial.fixtureFails)
        .every((trial) => CHANGED_BY_THE_API.some((entry) => entry.match.test(trial.label)));
      if (!neverRefused) {
        expect(reached.filter((trial) => trial.expectedFails).length, `${id}: objects refused`).toBeGreaterThan(0);
      }
      expect(reached.filter((trial) => !trial.expectedFails).length, `${id}: objects admitted`).toBeGreaterThan(0);
    }
    const unreachable = trials.filter((trial) => verdicts.get(trial)?.verdict === "unreachable");
    const reasons = new Map<string, number>();
    for (const trial of unreachable) {
      const verdict = verdicts.get(trial) as { message: string };
      const reason = verdict.message
        .replace(/^.*? is invalid: /, "")
        .replace(/\[\d+\]/g, "[*]")
        .replace(/"[^"]*"/g, '"…"');
      for (const part of reason.split(", spec")) reasons.set(part, (reasons.get(part) ?? 0) + 1);
    }
    if (process.env.RAMPART_VERBOSE_CLUSTER === "1")
      console.log([...reasons].map(([r, n]) => `${n} × ${r}`).join("\n"));
    console.log(
      `exported policies on kube-apiserver: ${policies.size} controls, ${trials.length} fixture objects, ` +
        `${trials.length - unreachable.length} reached admission (${unreachable.length} refused by the API's own validation first; completed for it: ${COMPLETED})`,
    );
  });

  it("refuses each failing object with the control's own message, and admits each passing one", () => {
    const problems: string[] = [];
    for (const trial of trials) {
      const verdict = verdicts.get(trial);
      if (verdict === undefined || verdict.verdict === "unreachable") continue;
      if (!trial.expectedFails) {
        if (verdict.verdict !== "admitted")
          problems.push(`${trial.label}: expected admitted, got ${JSON.stringify(verdict)}`);
        continue;
      }
      if (verdict.verdict !== "denied") {
        problems.push(`${trial.label}: expected denied, got admitted`);
        continue;
      }
      const policy = `rampart-${trial.group.control.toLowerCase()}`;
      if (verdict.policy !== policy || !verdict.binding.startsWith(`${policy}-${trial.group.name}-`)) {
        problems.push(`${trial.label}: denied by ${verdict.policy} (binding ${verdict.binding}), not by ${policy}`);
      }
      if (verdict.message !== trial.message)
        problems.push(`${trial.label}: message "${verdict.message}", expected "${trial.message}"`);
    }
    expect(problems).toEqual([]);
  });

  it("gives the fixture's verdict but where the API server changes the object first (listed with the reason)", () => {
    const changed = [
      ...new Set(
        trials
          .filter(
            (trial) => verdicts.get(trial)?.verdict !== "unreachable" && trial.expectedFails !== trial.fixtureFails,
          )
          .map((trial) => trial.label),
      ),
    ].sort();
    expect(changed.filter((label) => !CHANGED_BY_THE_API.some((entry) => entry.match.test(label)))).toEqual([]);
    const unused = CHANGED_BY_THE_API.filter((entry) => !changed.some((label) => entry.match.test(label)));
    expect(unused.map((entry) => entry.why)).toEqual([]);
  });

  it("rampart admit gives the server's verdict and message on generated workloads, with the API's pod defaults", async () => {
    const workloads = generatedWorkloads(cases);
    const manifests = file("workloads.json");
    writeFileSync(manifests, JSON.stringify(workloads));
    const admitted = async (extra: readonly string[]) => {
      const run = await rampart(["admit", manifests, "--format", "json", ...extra]);
      expect(run.code, run.stderr).toBeLessThanOrEqual(1);
      return JSON.parse(run.stdout) as AdmitEntry[];
    };
    const withDefaults = await admitted([]);
    const asWritten = await admitted(["--no-api-defaults"]);
    // The "-all" bindings were created policy by policy: once the last policy's warns, all do.
    const lastPolicy = `rampart-${[...policies.keys()].at(-1)?.toLowerCase()}`;
    const warnedByLast = workloads.find((_, index) =>
      withDefaults[index]?.policies.some((policy) => policy.policy === lastPolicy && policy.decision === "deny"),
    );
    expect(warnedByLast, `a workload that ${lastPolicy} refuses`).toBeDefined();
    const deadline = Date.now() + 60_000;
    while (
      !((await warningsOnServer(api.current, warnedByLast as KubeObject)) ?? []).some((w) => w.policy === lastPolicy)
    ) {
      if (Date.now() > deadline) throw new Error(`${lastPolicy}: no warning within 60 s of creating its binding`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const server: Array<ServerWarning[] | undefined> = [];
    server.push(...(await inBatches(workloads, (object) => warningsOnServer(api.current, object))));
    const reached = workloads.flatMap((_, index) => (server[index] === undefined ? [] : [index]));
    const failuresOf = (entry: AdmitEntry) =>
      entry.policies
        // Every binding here warns; a control whose own action is warn is "warn" in admit's output.
        .filter((policy) => policy.decision === "deny" || policy.decision === "warn")
        .map((policy) => `${policy.policy}: ${policy.message}`)
        .sort();
    // Warnings are cut short by the server (long messages end early): admit's message must start with the server's.
    const disagreements = (entries: readonly AdmitEntry[]) =>
      reached.flatMap((index) => {
        const onServer = (server[index] as ServerWarning[]).map((w) => `${w.policy}: ${w.message}`).sort();
        const entry = entries[index] as AdmitEntry;
        const byAdmit = failuresOf(entry);
        // Each warning the server gave is the start of admit's message for that policy.
        const byPolicy = new Map(byAdmit.map((text) => [text.slice(0, text.indexOf(": ")), text]));
        const agrees = onServer.every((text) => {
          const mine = byPolicy.get(text.slice(0, text.indexOf(": "))) ?? "";
          return mine.startsWith(text) && text.length >= Math.min(100, mine.length);
        });
        // The server keeps about 4 KiB of warnings per response: past it, it cuts them short and
        // drops the rest. So a server that cut some warning short may have left policies out.
        const overBudget = onServer.some(
          (text) => text.length < (byPolicy.get(text.slice(0, text.indexOf(": "))) ?? "").length,
        );
        const same = agrees && (onServer.length === byAdmit.length || (overBudget && onServer.length < byAdmit.length));
        return same
          ? []
          : [`${entry.kind} ${entry.name}: server ${JSON.stringify(onServer)}, admit ${JSON.stringify(byAdmit)}`];
      });
    const sameVerdict = (entries: readonly AdmitEntry[]) =>
      reached.filter(
        (index) =>
          (server[index] as ServerWarning[]).length > 0 === ((entries[index] as AdmitEntry).verdict !== "admitted"),
      ).length;
    const withoutDefaults = disagreements(asWritten);
    console.log(
      `rampart admit vs kube-apiserver: ${workloads.length} generated workloads, ${reached.length} reached admission; ` +
        `the same verdict on ${sameVerdict(withDefaults)} and the same failing policies and messages on ` +
        `${reached.length - disagreements(withDefaults).length} with the API's pod defaults; without them, ` +
        `${sameVerdict(asWritten)} and ${reached.length - withoutDefaults.length}`,
    );
    expect(disagreements(withDefaults)).toEqual([]);
    // The defaults matter: reviewed as written, some workloads fail other policies than on the server.
    expect(withoutDefaults.length).toBeGreaterThan(0);
  }, 600_000);
});

const COMPLIANT_POD_SPEC = {
  securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 },
  containers: [
    {
      name: "app",
      image: "registry.example.com/app:1.0",
      ports: [{ containerPort: 8080 }],
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      },
      resources: { limits: { cpu: "500m", memory: "256Mi" } },
    },
  ],
};

interface AdmitEntry {
  readonly kind: string;
  readonly name: string;
  readonly verdict: string;
  readonly policies: ReadonlyArray<{ policy: string; decision: string; message: string | null }>;
}

/**
 * Workloads made from the fixtures' pod specs (every workload kind), as written and with
 * hostNetwork: true, in the namespace where every policy is bound; without ephemeral containers
 * (pod templates cannot hold them) and without the pod specs the API refuses for having none.
 */
function generatedWorkloads(all: readonly ConcreteCase[]): KubeObject[] {
  const seen = new Set<string>();
  const out: KubeObject[] = [];
  // A pod spec that passes the container controls, with a port and limits without requests.
  const compliant = WORKLOAD_KINDS.map(
    (kind) =>
      wrapPodSpec(kind, `compliant-${kind.toLowerCase()}`, { podSpec: structuredClone(COMPLIANT_POD_SPEC) }).object,
  );
  for (const raw of [...compliant, ...all.flatMap((entry) => entry.objects)]) {
    {
      if (!(WORKLOAD_KINDS as readonly string[]).includes(raw.kind as string)) continue;
      const object = forTheApi(raw, "admit-all", "admit-all");
      const spec = podSpecIn(object);
      if (spec === undefined || !Array.isArray(spec.containers) || spec.containers.length === 0) continue;
      delete spec.ephemeralContainers;
      for (const hostNetwork of [false, true]) {
        const variant = structuredClone(object);
        if (hostNetwork) (podSpecIn(variant) as Record<string, unknown>).hostNetwork = true;
        const key = JSON.stringify([variant.kind, variant.spec]);
        if (seen.has(key)) continue;
        seen.add(key);
        const name = `w${out.length}-${(variant.kind as string).toLowerCase()}`;
        out.push({ ...variant, metadata: { ...(variant.metadata as object), name } });
      }
    }
  }
  return out;
}

function podSpecIn(object: KubeObject): Record<string, unknown> | undefined {
  type Template = { spec?: Record<string, unknown> };
  const spec = object.spec as { template?: Template; jobTemplate?: { spec?: { template?: Template } } } | undefined;
  if (object.kind === "Pod") return spec as Record<string, unknown> | undefined;
  if (object.kind === "CronJob") return spec?.jobTemplate?.spec?.template?.spec;
  return spec?.template?.spec;
}
