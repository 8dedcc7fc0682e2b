// The workload controls: what a pod spec (of any workload kind) and its containers declare.
import type { Control } from "../../../dsl/index.js";
import c0012 from "./C-0012-credentials-in-configuration.js";
import c0013 from "./C-0013-non-root-containers.js";
import c0016 from "./C-0016-allow-privilege-escalation.js";
import c0017 from "./C-0017-immutable-container-filesystem.js";
import c0018 from "./C-0018-readiness-probe.js";
import c0020 from "./C-0020-mount-service-principal.js";
import c0021 from "./C-0021-exposed-sensitive-interfaces.js";
import c0026 from "./C-0026-cronjob.js";
import c0034 from "./C-0034-automount-service-account.js";
import c0038 from "./C-0038-host-pid-ipc.js";
import c0041 from "./C-0041-host-network.js";
import c0042 from "./C-0042-ssh-server.js";
import c0044 from "./C-0044-container-hostport.js";
import c0045 from "./C-0045-writable-host-path.js";
import c0046 from "./C-0046-insecure-capabilities.js";
import c0048 from "./C-0048-host-path-mount.js";
import c0055 from "./C-0055-linux-hardening.js";
import c0056 from "./C-0056-liveness-probe.js";
import c0057 from "./C-0057-privileged-container.js";
import c0058 from "./C-0058-cve-2021-25741-subpath-symlink.js";
import c0059 from "./C-0059-cve-2021-25742-ingress-nginx-snippets.js";
import c0061 from "./C-0061-default-namespace.js";
import c0073 from "./C-0073-naked-pods.js";
import c0074 from "./C-0074-runtime-socket.js";
import c0075 from "./C-0075-image-pull-policy-latest.js";
import c0076 from "./C-0076-label-usage.js";
import c0077 from "./C-0077-k8s-common-labels.js";
import c0190 from "./C-0190-service-account-token-mounts.js";
import c0207 from "./C-0207-secrets-in-environment.js";
import c0210 from "./C-0210-seccomp-runtime-default.js";
import c0211 from "./C-0211-security-context.js";
import c0212 from "./C-0212-default-namespace.js";
import c0253 from "./C-0253-deprecated-registry.js";
import c0268 from "./C-0268-cpu-requests.js";
import c0269 from "./C-0269-memory-requests.js";
import c0270 from "./C-0270-cpu-limits.js";
import c0271 from "./C-0271-memory-limits.js";
import c0292 from "./C-0292-ingress-nginx-end-of-life.js";
import c0294 from "./C-0294-deprecated-service-account.js";
import c0295 from "./C-0295-duplicate-env.js";
import c0305 from "./C-0305-rolling-update.js";

export const WORKLOAD_CONTROLS: readonly Control[] = [
  c0012,
  c0013,
  c0016,
  c0017,
  c0018,
  c0020,
  c0021,
  c0026,
  c0034,
  c0038,
  c0041,
  c0042,
  c0044,
  c0045,
  c0046,
  c0048,
  c0055,
  c0056,
  c0057,
  c0058,
  c0059,
  c0061,
  c0073,
  c0074,
  c0075,
  c0076,
  c0077,
  c0190,
  c0207,
  c0210,
  c0211,
  c0212,
  c0253,
  c0268,
  c0269,
  c0270,
  c0271,
  c0292,
  c0294,
  c0295,
  c0305,
];
