// The API server's facts on a control-plane node: its command line and the files it reads
// (encryption configuration, audit policy), whose contents the facts embed and the scan decodes.
import { type CommandFlag, type KindMap, lineFlag, type Violation, violation } from "../../../../dsl/index.js";

type ControlPlane = KindMap["ControlPlaneInfo"];

/** A flag of the API server's command line in the node facts (path: the command line). */
export function apiServerFlag(info: ControlPlane, name: string): CommandFlag {
  return lineFlag(info.data?.APIServerInfo?.cmdLine, "data.APIServerInfo.cmdLine", name);
}

/** Whether the facts hold the API server's command line (a control-plane node running one). */
export function runsApiServer(info: ControlPlane): boolean {
  return info.data?.APIServerInfo?.cmdLine !== undefined;
}

/** Where the encryption configuration's content is in the facts. */
export const ENCRYPTION_CONTENT = "data.APIServerInfo.encryptionProviderConfigFile.content";

/** The resource names that cover secrets in an EncryptionConfiguration: secrets, or every resource (`*.*`) or core resource (`*.`). */
export const SECRET_RESOURCES = ["secrets", "*.*", "*."];

/** The violation of an API server whose encryption configuration file the facts hold no content of. */
export function encryptionUnread(info: ControlPlane, flag: CommandFlag): readonly Violation[] {
  const file = info.data?.APIServerInfo?.encryptionProviderConfigFile;
  if (file?.decoded !== undefined) return [];
  return [
    violation(
      `the node facts do not hold the content of the API server's encryption configuration ${file?.path ?? flag.value ?? ""}`,
      { paths: [file === undefined ? flag.path : ENCRYPTION_CONTENT] },
    ),
  ];
}
