// Images of the community ingress-nginx project (kubernetes/ingress-nginx), under any registry or
// mirror (C-0059, C-0292). NGINX Inc's own controller (nginx/nginx-ingress) is another product.
import { parseImage } from "../../../../dsl/index.js";

/** The ingress-nginx controller: ingress-nginx/controller (and -chroot), or its pre-0.33 name. */
export function isIngressNginxController(image: string | undefined): boolean {
  const ref = parseImage(image);
  if (ref === undefined) return false;
  return (
    ref.repository.includes("ingress-nginx/controller") ||
    ref.repository.includes("kubernetes-ingress-controller/nginx-ingress-controller")
  );
}

/** Any image of the project: the controller, or another image of its registry folder (registry.k8s.io/ingress-nginx/…). */
export function isIngressNginxImage(image: string | undefined): boolean {
  const ref = parseImage(image);
  if (ref === undefined) return false;
  const projectRegistry = ref.registry === "registry.k8s.io" || ref.registry === "k8s.gcr.io";
  return isIngressNginxController(image) || (projectRegistry && ref.repository.startsWith("ingress-nginx/"));
}
