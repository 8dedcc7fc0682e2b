import {
  type CheckContext,
  containers,
  control,
  lowerAscii,
  regexMatches,
  violation,
  WORKLOAD_KINDS,
} from "../../../dsl/index.js";

type CredentialInputs = "sensitiveKeyNames" | "sensitiveValues" | "sensitiveKeyNamesAllowed" | "sensitiveValuesAllowed";

/**
 * A key/value pair looks like a credential when its key names a secret (and is not an allowed
 * key such as `*_FILE`) or its value matches a secret pattern, unless the value is allowed or is
 * an absolute file path (a pointer to a mounted secret, not the secret itself).
 */
function looksLikeCredential(key: string, value: string, context: CheckContext<CredentialInputs>): boolean {
  const lowerKey = lowerAscii(key);
  const keyNamesSecret =
    context.inputs.sensitiveKeyNames.some((name) => lowerKey.includes(lowerAscii(name))) &&
    !context.inputs.sensitiveKeyNamesAllowed.some((allowed) => lowerKey.includes(lowerAscii(allowed)));
  const valueIsSecret = context.inputs.sensitiveValues.some((pattern) => regexMatches(pattern, value));
  const valueAllowed = context.inputs.sensitiveValuesAllowed.some((pattern) => regexMatches(pattern, value));
  return (keyNamesSecret || valueIsSecret) && !valueAllowed && !value.startsWith("/");
}

export default control({
  id: "C-0012",
  name: "Applications credentials in configuration files",
  baseScore: 8,
  category: "Secrets",
  description:
    "Credentials written in clear in a ConfigMap or in a container's environment can be read by anyone who can read the object or inspect the pod. Keys and values are compared with the control inputs sensitiveKeyNames and sensitiveValues.",
  remediation:
    "Move credentials to Secrets (or an external secret store) and reference them with valueFrom.secretKeyRef or a mounted volume.",
  kinds: ["ConfigMap", ...WORKLOAD_KINDS],
  inputs: ["sensitiveKeyNames", "sensitiveValues", "sensitiveKeyNamesAllowed", "sensitiveValuesAllowed"],
  check(object, context) {
    if (object.kind === "ConfigMap") {
      return Object.entries(object.data ?? {})
        .filter(([key, value]) => looksLikeCredential(key, value, context))
        .map(([key]) =>
          violation(`ConfigMap key "${key}" holds what looks like a credential`, { paths: [`data[${key}]`] }),
        );
    }
    return containers(object, { init: true, ephemeral: true }).flatMap((ref) => [
      ...(ref.container.env ?? []).flatMap((variable, index) =>
        // An empty value is dropped at admission (omitempty): it holds no credential either way.
        variable.value !== undefined &&
        variable.value !== "" &&
        looksLikeCredential(variable.name, variable.value, context)
          ? [
              violation(
                `container "${ref.container.name}" sets environment variable "${variable.name}" to what looks like a credential`,
                { paths: [`${ref.path}.env[${index}].name`, `${ref.path}.env[${index}].value`] },
              ),
            ]
          : [],
      ),
      ...(ref.container.envFrom ?? []).flatMap((source, index) =>
        source.secretRef !== undefined
          ? [
              violation(`container "${ref.container.name}" loads a whole Secret into its environment`, {
                paths: [`${ref.path}.envFrom[${index}].secretRef`],
              }),
            ]
          : [],
      ),
    ]);
  },
});
