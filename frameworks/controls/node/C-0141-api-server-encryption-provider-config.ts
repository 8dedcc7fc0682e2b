import { commandFlag, control, type KindMap, type Violation, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "../control-plane/shared/components.js";
import { unsetViolations } from "../control-plane/shared/flags.js";
import {
  apiServerFlag,
  ENCRYPTION_CONTENT,
  encryptionUnread,
  runsApiServer,
  SECRET_RESOURCES,
} from "./shared/api-server.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";

export default control({
  id: "C-0141",
  name: "Ensure that the API Server --encryption-provider-config argument is set as appropriate",
  baseScore: 7,
  category: "Control plane",
  description:
    "The API server encrypts resources in etcd only as --encryption-provider-config says, and secrets only if its configuration lists them: otherwise anyone who reads etcd or its backups reads every secret.",
  remediation:
    "Write an EncryptionConfiguration whose resources include secrets (with aescbc, secretbox or kms first) and pass it to kube-apiserver with --encryption-provider-config.",
  kinds: ["Pod", "ControlPlaneInfo"],
  requires: [API_SERVER_PODS, CONTROL_PLANE_FACTS],
  check(object) {
    if (object.kind === "ControlPlaneInfo") return configurationViolations(object);
    return componentContainers(object, "kube-apiserver").flatMap((ref) =>
      unsetViolations(
        "kube-apiserver",
        [commandFlag(ref, "--encryption-provider-config")],
        ["<path/to/encryption-config.yaml>"],
        "secrets are stored in etcd unencrypted",
      ),
    );
  },
});

/** On a control-plane node: the flag on the API server's command line, and its file covering secrets. */
function configurationViolations(info: KindMap["ControlPlaneInfo"]): readonly Violation[] {
  if (!runsApiServer(info)) return [];
  const flag = apiServerFlag(info, "--encryption-provider-config");
  if (flag.value === undefined || flag.value === "")
    return [
      violation("kube-apiserver runs without --encryption-provider-config: secrets are stored in etcd unencrypted", {
        paths: [flag.path],
      }),
    ];
  const unread = encryptionUnread(info, flag);
  if (unread.length > 0) return unread;
  const entries = info.data?.APIServerInfo?.encryptionProviderConfigFile?.decoded?.resources ?? [];
  const covered = entries.some((entry) => (entry.resources ?? []).some((name) => SECRET_RESOURCES.includes(name)));
  return covered
    ? []
    : [
        violation(
          `the API server's encryption configuration ${flag.value} does not list secrets: they are stored unencrypted`,
          {
            paths: [ENCRYPTION_CONTENT],
          },
        ),
      ];
}
