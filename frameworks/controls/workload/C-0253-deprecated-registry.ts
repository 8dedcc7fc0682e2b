import { containers, control, fix, lowerAscii, parseImage, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0253",
  name: "Deprecated Kubernetes image registry",
  baseScore: 5,
  category: "Workload",
  description:
    "k8s.gcr.io has been frozen since April 2023: its images get no new versions nor security fixes, and it may stop serving them. The same images, and their new versions, are on registry.k8s.io.",
  remediation: "Pull the image from registry.k8s.io instead of k8s.gcr.io (same repository, tag and digest).",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload, { init: true, ephemeral: true }).flatMap((ref) => {
      const image = parseImage(ref.container.image);
      if (image === undefined || lowerAscii(image.registry) !== "k8s.gcr.io") return [];
      const tag = image.tag === undefined ? "" : `:${image.tag}`;
      const digest = image.digest === undefined ? "" : `@${image.digest}`;
      return [
        violation(`container "${ref.container.name}" pulls its image from the frozen registry k8s.gcr.io`, {
          paths: [`${ref.path}.image`],
          fixes: [fix(`${ref.path}.image`, `registry.k8s.io/${image.repository}${tag}${digest}`)],
        }),
      ];
    });
  },
});
