import { containers, control, violation } from "../../../dsl/index.js";
import { isIngressNginxImage } from "./shared/ingress-nginx.js";

export default control({
  id: "C-0292",
  name: "Nginx Ingress Controller End of Life",
  baseScore: 6,
  category: "Workload",
  description:
    "The community ingress-nginx controller (kubernetes/ingress-nginx) reached end of life in March 2026: no release after it fixes a vulnerability, whatever version runs. A Deployment, DaemonSet or StatefulSet fails when a container runs one of the project's images.",
  remediation:
    "Migrate to a maintained ingress or Gateway API controller (for example NGINX Inc's, Traefik, HAProxy, Envoy Gateway or your cloud's) and remove the ingress-nginx workloads.",
  kinds: ["Deployment", "DaemonSet", "StatefulSet"],
  check(workload) {
    return containers(workload)
      .filter((ref) => isIngressNginxImage(ref.container.image))
      .map((ref) =>
        violation(
          `container "${ref.container.name}" runs ${ref.container.image ?? ""}, an image of ingress-nginx, which reached end of life in March 2026 and gets no security fixes`,
          { paths: [`${ref.path}.image`] },
        ),
      );
  },
});
