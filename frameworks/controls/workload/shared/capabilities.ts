import { lowerAscii } from "../../../../dsl/index.js";

/**
 * Whether a capability in `securityContext.capabilities.add` is `name`. Container runtimes
 * read names in any case and with or without the CAP_ prefix, so `sys_admin` and
 * `CAP_SYS_ADMIN` grant SYS_ADMIN too.
 */
export function isCapability(added: string, name: string): boolean {
  const given = lowerAscii(added);
  const wanted = lowerAscii(name);
  return given === wanted || given === `cap_${wanted}`;
}
