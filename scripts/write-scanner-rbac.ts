// Writes deploy/rbac-scanner.yaml: the read-only ClusterRole (and its ServiceAccount and binding)
// that `rampart scan` needs for what the built-in controls read. Run after adding a control that
// reads a new kind: npx tsx scripts/write-scanner-rbac.ts (test/cluster/rbac-scanner.test.ts checks it).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../compiler/tools.js";
import { scannerRbacYaml, scannerRules } from "../runtime/cluster/rbac.js";
import { compiledLookups } from "../runtime/generated.js";
import { builtinLibrary, selectControls } from "../runtime/selection.js";

const library = builtinLibrary();
const selection = selectControls(library, [...library.controls.keys()]);
const file = path.join(PROJECT_ROOT, "deploy", "rbac-scanner.yaml");
writeFileSync(file, scannerRbacYaml(scannerRules(selection, compiledLookups())));
console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`);
