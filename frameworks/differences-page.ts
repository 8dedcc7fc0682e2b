// The page users read about where Rampart's verdicts deliberately differ from Kubescape's
// (docs/kubescape-differences.md), written from frameworks/kubescape-differences.yaml so that the
// two never drift apart (a test compares them; `npm run docs` rewrites the page).
import path from "node:path";
import { PROJECT_ROOT } from "../compiler/tools.js";
import { CATALOG } from "./catalog/index.js";
import type { KubescapeDifference } from "./differences.js";

export const DIFFERENCES_PAGE = path.join(PROJECT_ROOT, "docs", "kubescape-differences.md");

const INTRO = `# Where Rampart's verdicts differ from Kubescape's

Rampart keeps Kubescape's control IDs, names and base scores, and by default its verdicts: the
same objects fail the same controls, so scores and exceptions carry over. Where Rampart is
deliberately stricter or more precise, the difference is listed here with its reason. Nothing
else differs: the tests compare every implemented control with Kubescape's own rule test cases
(\`test/conformance/kubescape/\`) and with the verdicts the real Kubescape (v4.0.10) reached on a
1,303-object cluster (\`test/conformance/kubescape-live/\`), and fail on any difference that is not
listed below, or that is listed but no longer occurs.

This page is written from \`frameworks/kubescape-differences.yaml\` (\`npm run docs\`), which also
names every object and field of that evidence on which the two tools differ.

Reproduce the live comparison:

\`\`\`sh
npx vitest run test/conformance            # prints "evaluated N of 132 controls …; identical M"
npx rampart scan control C-0016 test/conformance/kubescape-live/cluster.json --format json |
  jq -r '.results[].resources[] | select(.status == "failed") | "\\(.kind)/\\(.namespace // "")/\\(.name)"' | sort
jq -r '.controls["C-0016"].failing[]' test/conformance/kubescape-live/verdicts.json | sort
\`\`\`
`;

function cell(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
}

function evidence(entry: KubescapeDifference): string {
  const parts = [
    entry.live.failOnlyInRampart.length > 0
      ? `${entry.live.failOnlyInRampart.length} objects of the live cluster fail for Rampart only`
      : "",
    entry.live.failOnlyInKubescape.length > 0
      ? `${entry.live.failOnlyInKubescape.length} objects of the live cluster fail for Kubescape only`
      : "",
    Object.keys(entry.cases).length > 0 ? `${Object.keys(entry.cases).length} rule cases` : "",
    Object.keys(entry.paths).length > 0 ? `${Object.keys(entry.paths).length} reported fields` : "",
  ].filter((part) => part !== "");
  return parts.length > 0 ? parts.join("; ") : "none in the evidence yet";
}

export function renderDifferencesPage(differences: ReadonlyMap<string, KubescapeDifference>): string {
  const rows = [...differences.values()]
    .sort((a, b) => a.control.localeCompare(b.control))
    .map(
      (entry) =>
        `| ${entry.control} ${cell(CATALOG.get(entry.control)?.name ?? "")} | ${cell(entry.differs)} | ${cell(entry.why)} | ${evidence(entry)} |`,
    );
  return `${INTRO}
| control | what Rampart does otherwise | why | where it shows |
| --- | --- | --- | --- |
${rows.join("\n")}
`;
}
