// The workload controls: what a pod spec (of any workload kind) and its containers declare.
import type { Control } from "../../../dsl/index.js";
import c0012 from "./C-0012-credentials-in-configuration.js";
import c0013 from "./C-0013-non-root-containers.js";
import c0016 from "./C-0016-allow-privilege-escalation.js";
import c0017 from "./C-0017-immutable-container-filesystem.js";
import c0034 from "./C-0034-automount-service-account.js";
import c0044 from "./C-0044-container-hostport.js";
import c0046 from "./C-0046-insecure-capabilities.js";
import c0055 from "./C-0055-linux-hardening.js";
import c0057 from "./C-0057-privileged-container.js";
import c0210 from "./C-0210-seccomp-runtime-default.js";
import c0211 from "./C-0211-security-context.js";
import c0270 from "./C-0270-cpu-limits.js";
import c0271 from "./C-0271-memory-limits.js";

export const WORKLOAD_CONTROLS: readonly Control[] = [
  c0012,
  c0013,
  c0016,
  c0017,
  c0034,
  c0044,
  c0046,
  c0055,
  c0057,
  c0210,
  c0211,
  c0270,
  c0271,
];
