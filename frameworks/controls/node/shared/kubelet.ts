// Reading the kubelet's settings from its facts: a flag of its command line (`data.cmdLine`) wins
// over the field of its config file (`--config`, whose content the facts embed and the scan
// decodes), which wins over the default. The defaults differ with and without a config file: a
// kubelet started without one keeps the legacy defaults of its flags (anonymous requests served,
// AlwaysAllow, read-only port 10255), one with a config file those of KubeletConfiguration v1beta1.
import { type CommandFlag, type KindMap, lineFlag, type Violation, violation } from "../../../../dsl/index.js";
import { isFalse } from "../../control-plane/shared/flags.js";

export type Kubelet = KindMap["KubeletInfo"];

/** Where the kubelet's command line is in its facts. */
export const CMD_LINE = "data.cmdLine";
/** Where the kubelet's config file is in its facts (a finding on a field of the file names the file's content). */
export const CONFIG_CONTENT = "data.configFile.content";

/** A flag of the kubelet's command line (path: the command line). */
export function kubeletFlag(info: Kubelet, name: string): CommandFlag {
  return lineFlag(info.data?.cmdLine, CMD_LINE, name);
}

/** Whether the kubelet reads a config file (`--config`). */
export function readsConfig(info: Kubelet): boolean {
  return kubeletFlag(info, "--config").value !== undefined;
}

/**
 * The violation of a kubelet that reads a config file whose content the facts do not hold, when
 * `setting` depends on it ([] otherwise): nothing says the file is safe (Kubescape fails it too).
 */
export function configUnread(info: Kubelet, setting: string): readonly Violation[] {
  if (!readsConfig(info) || info.data?.configFile?.decoded !== undefined) return [];
  const file = info.data?.configFile?.path ?? kubeletFlag(info, "--config").value ?? "";
  return [
    violation(
      `the node facts do not hold the content of the kubelet's config file ${file}: ${setting} cannot be read`,
      {
        paths: [CONFIG_CONTENT],
      },
    ),
  ];
}

/** A violation on a field of the kubelet's config file (`message` says what is wrong with it). */
export function configViolation(message: string): Violation {
  return violation(`the kubelet's config file ${message}`, { paths: [CONFIG_CONTENT] });
}

/** A violation on a flag of the kubelet's command line, given with a value that fails: `risk` says why. */
export function flagViolation(flag: CommandFlag, risk: string): Violation {
  return violation(`the kubelet runs with ${flag.name}=${flag.value ?? ""}: ${risk}`, { paths: [flag.path] });
}

/** C-0069 and C-0172: the kubelet serves no anonymous request (--anonymous-auth=false, or authentication.anonymous.enabled false). */
export function anonymousAuthViolations(info: Kubelet): readonly Violation[] {
  const flag = kubeletFlag(info, "--anonymous-auth");
  const risk = "requests without credentials reach the kubelet's API as system:anonymous";
  if (flag.value !== undefined) return isFalse(flag.value) ? [] : [flagViolation(flag, risk)];
  if (!readsConfig(info))
    return [
      violation(
        `the kubelet sets neither --anonymous-auth=false nor a config file (it then defaults to true): ${risk}`,
        {
          paths: [flag.path],
        },
      ),
    ];
  const unread = configUnread(info, "authentication.anonymous.enabled");
  if (unread.length > 0) return unread;
  const enabled = info.data?.configFile?.decoded?.authentication?.anonymous?.enabled;
  if (enabled === false) return [];
  return [
    enabled === true
      ? configViolation(`sets authentication.anonymous.enabled to true: ${risk}`)
      : configViolation("does not set authentication.anonymous.enabled to false (CIS asks for it explicitly)"),
  ];
}

/** C-0070 and C-0174: the kubelet authenticates clients by certificate (--client-ca-file, or authentication.x509.clientCAFile). */
export function clientCertificateViolations(info: Kubelet): readonly Violation[] {
  const flag = kubeletFlag(info, "--client-ca-file");
  const risk = "the kubelet authenticates no client by its certificate";
  if (flag.value !== undefined && flag.value !== "") return [];
  if (!readsConfig(info))
    return [violation(`the kubelet sets neither --client-ca-file nor a config file: ${risk}`, { paths: [flag.path] })];
  const unread = configUnread(info, "authentication.x509.clientCAFile");
  if (unread.length > 0) return unread;
  const file = info.data?.configFile?.decoded?.authentication?.x509?.clientCAFile;
  return file !== undefined && file !== ""
    ? []
    : [
        violation(
          `neither --client-ca-file nor authentication.x509.clientCAFile of the kubelet's config file is set: ${risk}`,
          { paths: [CONFIG_CONTENT] },
        ),
      ];
}
