// The workload controls: what a pod spec (of any workload kind) and its containers declare.
import type { Control } from "../../../dsl/index.js";
import c0012 from "./C-0012-credentials-in-configuration.js";
import c0013 from "./C-0013-non-root-containers.js";
import c0016 from "./C-0016-allow-privilege-escalation.js";
import c0017 from "./C-0017-immutable-container-filesystem.js";
import c0021 from "./C-0021-exposed-sensitive-interfaces.js";
import c0034 from "./C-0034-automount-service-account.js";
import c0042 from "./C-0042-ssh-server.js";
import c0044 from "./C-0044-container-hostport.js";
import c0046 from "./C-0046-insecure-capabilities.js";
import c0055 from "./C-0055-linux-hardening.js";
import c0057 from "./C-0057-privileged-container.js";
import c0058 from "./C-0058-cve-2021-25741-subpath-symlink.js";
import c0059 from "./C-0059-cve-2021-25742-ingress-nginx-snippets.js";
import c0075 from "./C-0075-image-pull-policy-latest.js";
import c0076 from "./C-0076-label-usage.js";
import c0077 from "./C-0077-k8s-common-labels.js";
import c0190 from "./C-0190-service-account-token-mounts.js";
import c0207 from "./C-0207-secrets-in-environment.js";
import c0210 from "./C-0210-seccomp-runtime-default.js";
import c0211 from "./C-0211-security-context.js";
import c0212 from "./C-0212-default-namespace.js";
import c0270 from "./C-0270-cpu-limits.js";
import c0271 from "./C-0271-memory-limits.js";
import c0292 from "./C-0292-ingress-nginx-end-of-life.js";

export const WORKLOAD_CONTROLS: readonly Control[] = [
  c0012,
  c0013,
  c0016,
  c0017,
  c0021,
  c0034,
  c0042,
  c0044,
  c0046,
  c0055,
  c0057,
  c0058,
  c0059,
  c0075,
  c0076,
  c0077,
  c0190,
  c0207,
  c0210,
  c0211,
  c0212,
  c0270,
  c0271,
  c0292,
];
