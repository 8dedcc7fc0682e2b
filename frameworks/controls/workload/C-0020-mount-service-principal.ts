import { control, param, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { hostPathVolumes, volumeMountPaths } from "./shared/host-path.js";

/** A path as a directory: with one trailing `/`, so that `/etc` and `/etc/` are one path. */
const asDirectory = (path: string): string => (path.endsWith("/") ? path : `${path}/`);

/**
 * Whether mounting `mounted` from the node reaches `credentials`: the same path, a directory
 * above it, or a path inside it.
 */
const reaches = (mounted: string, credentials: string): boolean =>
  asDirectory(credentials).startsWith(asDirectory(mounted)) ||
  asDirectory(mounted).startsWith(asDirectory(credentials));

export default control({
  id: "C-0020",
  name: "Mount service principal",
  baseScore: 4,
  category: "Workload",
  description:
    "On a cloud provider's nodes, files hold the node's cloud credentials (AKS: /etc/kubernetes/azure.json); a pod with a hostPath volume on them, or on a directory above them, can take those credentials. The paths are the cloudCredentialPaths parameter, empty by default: like Kubescape without a known cloud provider, the control then finds nothing.",
  remediation:
    "Remove hostPath volumes that reach the node's cloud credential files; set cloudCredentialPaths for your provider (AKS: /etc/kubernetes/azure.json, /.azure; EKS: /.aws; GKE: /.config/gcloud, /gcloud).",
  kinds: WORKLOAD_KINDS,
  parameters: {
    cloudCredentialPaths: param.strings([], {
      description:
        "Paths on the nodes that hold cloud credentials; a hostPath volume on one of them, above or inside one fails.",
    }),
  },
  check(workload, context) {
    return hostPathVolumes(workload)
      .filter((entry) => {
        // A volume without a path (which the API server refuses) reaches nothing.
        const mounted = entry.volume.hostPath?.path ?? "";
        return (
          mounted !== "" && context.params.cloudCredentialPaths.some((credentials) => reaches(mounted, credentials))
        );
      })
      .map((entry) =>
        violation(
          `the hostPath volume "${entry.volume.name}" gives the pods ${entry.volume.hostPath?.path ?? ""}, which reaches the node's cloud credentials`,
          { paths: [entry.path, ...volumeMountPaths(workload, entry.volume.name)] },
        ),
      );
  },
});
