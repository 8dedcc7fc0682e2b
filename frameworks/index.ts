// The built-in controls and frameworks. Add a control module here and it is scanned, compiled
// and tested everywhere.
import type { Control, Framework } from "../dsl/index.js";
import cis from "./cis-v1.23-t1.0.1.js";
import c0012 from "./controls/C-0012-credentials-in-configuration.js";
import c0013 from "./controls/C-0013-non-root-containers.js";
import c0016 from "./controls/C-0016-allow-privilege-escalation.js";
import c0017 from "./controls/C-0017-immutable-container-filesystem.js";
import c0030 from "./controls/C-0030-ingress-egress-blocked.js";
import c0034 from "./controls/C-0034-automount-service-account.js";
import c0044 from "./controls/C-0044-container-hostport.js";
import c0046 from "./controls/C-0046-insecure-capabilities.js";
import c0057 from "./controls/C-0057-privileged-container.js";
import c0270 from "./controls/C-0270-cpu-limits.js";
import c0271 from "./controls/C-0271-memory-limits.js";
import devopsbest from "./devopsbest.js";
import mitre from "./mitre.js";
import nsa from "./nsa.js";

export const BUILTIN_CONTROLS: readonly Control[] = [
  c0012,
  c0013,
  c0016,
  c0017,
  c0030,
  c0034,
  c0044,
  c0046,
  c0057,
  c0270,
  c0271,
];

export const BUILTIN_FRAMEWORKS: readonly Framework[] = [nsa, mitre, cis, devopsbest];
