// Rewrites deploy/rampart.yaml (the plain manifests of rampart serve) from the Helm chart in
// deploy/helm/rampart: npx tsx scripts/write-deploy-manifests.ts after changing the chart
// (test/deploy/helm.test.ts checks that the two are in step).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../compiler/tools.js";
import { PLAIN_MANIFESTS, renderPlainManifests } from "../test/support/helm.js";

writeFileSync(PLAIN_MANIFESTS, renderPlainManifests());
console.log(`wrote ${path.relative(PROJECT_ROOT, PLAIN_MANIFESTS)}`);
