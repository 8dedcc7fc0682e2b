import { fix, type KindMap, regexMatches, type Violation, violation } from "../../../../dsl/index.js";

/** The label by which Pod Security Admission enforces a level in a namespace. */
export const ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
/** The label that pins the version of the Pod Security Standards the enforced level is read in. */
export const ENFORCE_VERSION_LABEL = "pod-security.kubernetes.io/enforce-version";

const ENFORCE_PATH = "metadata.labels[pod-security.kubernetes.io/enforce]";
const ENFORCE_VERSION_PATH = "metadata.labels[pod-security.kubernetes.io/enforce-version]";

/**
 * What a "Minimize the admission of …" control asks of a namespace: that Pod Security Admission
 * enforces `level` there (restricted includes baseline), the level whose checks refuse `admits`
 * (the pods the control is about). The value must be exactly "baseline" or "restricted", as the
 * API server spells levels; without the label the cluster's default applies, which is privileged
 * unless its admission configuration says otherwise and which a scan cannot see.
 */
export function podSecurityLevelViolations(
  namespace: KindMap["Namespace"],
  level: "baseline" | "restricted",
  admits: string,
): readonly Violation[] {
  const enforced = namespace.metadata?.labels?.[ENFORCE_LABEL];
  if (enforced === "restricted" || (level === "baseline" && enforced === "baseline")) return [];
  const current = enforced === undefined ? "no level" : `the level ${enforced}`;
  const wanted = level === "baseline" ? "baseline or restricted" : "restricted";
  return [
    violation(
      `Pod Security Admission enforces ${current} in this namespace, so it admits ${admits}; ${wanted} refuses them`,
      {
        paths: [ENFORCE_PATH],
        fixes: [fix(ENFORCE_PATH, level)],
      },
    ),
  ];
}

/**
 * The enforce level's violations (see podSecurityLevelViolations), and one more when the namespace
 * pins a version of the Pod Security Standards older than `since`, the first whose `level` refuses
 * what the control is about. `olderVersions` is the RE2 pattern of those older versions: Pod
 * Security Admission reads "latest" and "v1.<minor>", and any other value as latest (the API
 * server refuses to store one).
 */
export function podSecurityViolationsSince(
  namespace: KindMap["Namespace"],
  level: "baseline" | "restricted",
  admits: string,
  since: string,
  olderVersions: string,
): readonly Violation[] {
  const pinned = namespace.metadata?.labels?.[ENFORCE_VERSION_LABEL] ?? "latest";
  return [
    ...podSecurityLevelViolations(namespace, level, admits),
    ...(regexMatches(olderVersions, pinned)
      ? [
          violation(
            `this namespace pins the Pod Security Standards of ${pinned}, older than ${since}, the first whose ${level} level refuses ${admits}`,
            { paths: [ENFORCE_VERSION_PATH], fixes: [fix(ENFORCE_VERSION_PATH, "latest")] },
          ),
        ]
      : []),
  ];
}
