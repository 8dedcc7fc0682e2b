// The files of a new policy project (rampart init), by path.

interface TemplateValues {
  /** The project's package name. */
  readonly name: string;
  /** Where this Rampart is installed (the project depends on it by path: no registry needed). */
  readonly rampart: string;
}

const CONTROL = `import { control, fix, param, violation, WORKLOAD_KINDS } from "rampart/dsl";

/** Every workload says which team owns it, so that whoever is paged knows whom to call. */
export default control({
  id: "ORG-0001",
  name: "Workloads name their owner",
  baseScore: 4,
  category: "Governance",
  description: "Every workload carries a label (owner, unless configured otherwise) naming the team that runs it.",
  remediation: "Add the owner label (the owning team) to the workload's metadata.labels.",
  kinds: WORKLOAD_KINDS,
  parameters: {
    ownerLabel: param.string("owner", { description: "The label that names the team owning a workload." }),
  },
  check(workload, context) {
    const label = context.params.ownerLabel;
    const owner = workload.metadata?.labels?.[label] ?? "";
    return owner === ""
      ? [
          violation(\`\${workload.kind} \${workload.metadata?.name ?? ""} has no \${label} label\`, {
            paths: [\`metadata.labels.\${label}\`],
            fixes: [fix(\`metadata.labels.\${label}\`, "YOUR_TEAM")],
          }),
        ]
      : [];
  },
});
`;

const FRAMEWORK = `import { framework } from "rampart/dsl";

/** Our baseline: our own controls beside built-in ones (listed by their catalogue ID). */
export default framework({
  name: "my-framework",
  title: "My framework",
  description: "Ownership labels, and no privileged or escalating containers.",
  controlIds: ["ORG-0001", "C-0016", "C-0057"],
});
`;

const FIXTURES = `# Fixtures of ORG-0001: each case names the paths that must fail ([] = the object passes).
# A podSpec case is tried as every workload kind; an objects case names its objects.
control: ORG-0001
cases:
  - name: a Deployment with an owner passes
    objects:
      - apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, labels: { owner: shop-team } }
        spec:
          selector: { matchLabels: { app: web } }
          template:
            metadata: { labels: { app: web } }
            spec: { containers: [{ name: app, image: nginx }] }
    expect: {}
  - name: a Deployment without labels fails
    objects:
      - apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          selector: { matchLabels: { app: web } }
          template:
            metadata: { labels: { app: web } }
            spec: { containers: [{ name: app, image: nginx }] }
    expect:
      Deployment/web: [metadata.labels.owner]
  - name: an empty owner fails like a missing one
    objects:
      - apiVersion: v1
        kind: Pod
        metadata: { name: debug, labels: { owner: "" } }
        spec: { containers: [{ name: app, image: busybox }] }
    expect:
      Pod/debug: [metadata.labels.owner]
  - name: other kinds are not evaluated
    objects:
      - apiVersion: v1
        kind: ConfigMap
        metadata: { name: settings }
    expect: {}
  # params: sets the control's parameters for one case (the others keep their defaults).
  - name: with ownerLabel set to team, the team label names the owner
    params: { ownerLabel: team }
    objects:
      - apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, labels: { team: shop-team } }
        spec:
          selector: { matchLabels: { app: web } }
          template:
            metadata: { labels: { app: web } }
            spec: { containers: [{ name: app, image: nginx }] }
    expect: {}
  - name: with ownerLabel set to team, an owner label is not enough
    params: { ownerLabel: team }
    objects:
      - apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, labels: { owner: shop-team } }
        spec:
          selector: { matchLabels: { app: web } }
          template:
            metadata: { labels: { app: web } }
            spec: { containers: [{ name: app, image: nginx }] }
    expect:
      Deployment/web: [metadata.labels.team]
`;

const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["controls"]
}
`;

const README = (name: string) => `# ${name}

Our own Kubernetes controls, written with Rampart's typed DSL (\`rampart/dsl\`) and deployed
everywhere Rampart's built-in controls go: scans, OPA bundles, admission policies.

| command | what it does |
| --- | --- |
| \`npx rampart test\` | runs fixtures/ through every engine (TypeScript, policy.wasm, admission policy, Gatekeeper template) |
| \`npx rampart compile --controls controls\` | compiles to generated/ (Rego, OPA bundles, policy.wasm, ValidatingAdmissionPolicies); \`--watch\` recompiles on change |
| \`npx rampart scan --controls controls framework my-framework manifests/\` | scans manifests with our framework |
| \`npx rampart admit --controls controls manifests/\` | what a cluster running our admission policies would do |

- \`controls/ORG-0001-owner-label.ts\` is an example control; \`controls/my-framework.ts\` a framework
  that mixes it with built-in controls (by ID). Any module of controls/ whose default export is
  \`control({…})\` or \`framework({…})\` is picked up; other modules can hold shared helpers.
- \`fixtures/ORG-0001.yaml\` holds its test cases: objects that pass and objects that fail, with
  the paths that must be reported; a case can set the control's parameters (\`params:\`).
- ORG-0001 has a parameter, \`ownerLabel\` (default \`owner\`), declared with \`param.string(…)\` and
  read as \`context.params.ownerLabel\`. Change it for a scan or for the admission policies with
  a controls config (\`ownerLabel: team\` in a YAML file given to \`--controls-config\`); a value of
  the wrong type is reported with its file and line.
- Our control IDs must not be Rampart's (C-…): we use ORG-0001, ORG-0002, ….
- A check is ordinary typed TypeScript in the subset Rampart compiles (property access and \`?.\`,
  comparisons, \`&& || ! ??\`, ternaries, const, \`if (…) return\`, array and string methods, the
  DSL helpers); anything else is reported with its file, line and a hint.
`;

const GITIGNORE = `node_modules/
.rampart/
generated/
`;

export function PROJECT_TEMPLATE(values: TemplateValues): Record<string, string> {
  const packageJson = {
    name: values.name,
    private: true,
    type: "module",
    scripts: {
      test: "rampart test",
      compile: "rampart compile --controls controls",
    },
    devDependencies: { rampart: `file:${values.rampart}` },
  };
  return {
    "package.json": `${JSON.stringify(packageJson, null, 2)}\n`,
    "tsconfig.json": TSCONFIG,
    "controls/ORG-0001-owner-label.ts": CONTROL,
    "controls/my-framework.ts": FRAMEWORK,
    "fixtures/ORG-0001.yaml": FIXTURES,
    "README.md": README(values.name),
    ".gitignore": GITIGNORE,
  };
}
