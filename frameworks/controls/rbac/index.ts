// The RBAC controls: what the subjects of RoleBindings and ClusterRoleBindings can do. Their
// resources are the subjects (see ControlMetadata.subjects), as Kubescape counts them.
import type { Control } from "../../../dsl/index.js";
import c0002 from "./C-0002-exec-into-container.js";
import c0007 from "./C-0007-delete-capabilities.js";
import c0014 from "./C-0014-dashboard-access.js";
import c0015 from "./C-0015-list-secrets.js";
import c0031 from "./C-0031-delete-events.js";
import c0035 from "./C-0035-administrative-roles.js";
import c0037 from "./C-0037-coredns-poisoning.js";
import c0053 from "./C-0053-service-account-access.js";
import c0185 from "./C-0185-cluster-admin-binding.js";
import c0186 from "./C-0186-secrets-access.js";
import c0187 from "./C-0187-wildcard-roles.js";
import c0188 from "./C-0188-create-pods.js";
import c0191 from "./C-0191-bind-impersonate-escalate.js";

export const RBAC_CONTROLS: readonly Control[] = [
  c0002,
  c0007,
  c0014,
  c0015,
  c0031,
  c0035,
  c0037,
  c0053,
  c0185,
  c0186,
  c0187,
  c0188,
  c0191,
];
