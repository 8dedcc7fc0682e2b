import { control, fix, podSpec, podSpecPath, violation, WORKLOAD_KINDS_WITH_RC } from "../../../dsl/index.js";

export default control({
  id: "C-0294",
  name: "Deprecated serviceAccount field",
  baseScore: 3,
  category: "Workload",
  description:
    "serviceAccount is the deprecated alias of serviceAccountName. Where it is set alone it should be renamed; where both are set with different values, the API server uses serviceAccountName and the manifest misleads its reader.",
  remediation:
    "Replace serviceAccount with serviceAccountName, or remove serviceAccount where serviceAccountName is set.",
  kinds: WORKLOAD_KINDS_WITH_RC,
  check(workload) {
    const spec = podSpec(workload);
    const base = podSpecPath(workload);
    const deprecated = spec?.serviceAccount;
    const current = spec?.serviceAccountName ?? "";
    if (deprecated === undefined || deprecated === current) return [];
    if (current === "")
      return [
        violation(`the pods name their service account "${deprecated}" with the deprecated serviceAccount field`, {
          paths: [`${base}.serviceAccount`],
          fixes: [fix(`${base}.serviceAccountName`, deprecated)],
        }),
      ];
    return [
      violation(
        `the deprecated serviceAccount "${deprecated}" differs from serviceAccountName "${current}", which the API server uses`,
        { paths: [`${base}.serviceAccount`] },
      ),
    ];
  },
});
