// Rewrites docs/kubescape-differences.md from frameworks/kubescape-differences.yaml.
import { writeFileSync } from "node:fs";
import { loadDifferences } from "../frameworks/differences.js";
import { DIFFERENCES_PAGE, renderDifferencesPage } from "../frameworks/differences-page.js";

writeFileSync(DIFFERENCES_PAGE, renderDifferencesPage(loadDifferences()));
console.log(`wrote ${DIFFERENCES_PAGE}`);
