import { commandFlag, control, param, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { setFlag } from "./shared/flags.js";

/**
 * The cipher suites of the CIS Kubernetes Benchmark's list (Kubescape checks the same list),
 * without its two 3DES suites: 64-bit blocks make them breakable on long connections (Sweet32,
 * CVE-2016-2183), and Go no longer offers them by default.
 */
const STRONG_CIPHER_SUITES = [
  "TLS_AES_128_GCM_SHA256",
  "TLS_AES_256_GCM_SHA384",
  "TLS_CHACHA20_POLY1305_SHA256",
  "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
  "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
  "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
  "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
  "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
  "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
  "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
  "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
  "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
  "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
  "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
  "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
  "TLS_RSA_WITH_AES_128_CBC_SHA",
  "TLS_RSA_WITH_AES_128_GCM_SHA256",
  "TLS_RSA_WITH_AES_256_CBC_SHA",
  "TLS_RSA_WITH_AES_256_GCM_SHA384",
] as const;

export default control({
  id: "C-0143",
  name: "Ensure that the API Server only makes use of Strong Cryptographic Ciphers",
  baseScore: 5,
  category: "Control plane",
  description:
    "The API server's TLS cipher suites are those of --tls-cipher-suites, else Go's defaults for the version it was built with; a weak suite lets an attacker on the network decrypt or tamper with API traffic. The accepted suites are the parameter strongCipherSuites.",
  remediation:
    "Set --tls-cipher-suites of kube-apiserver to suites of strongCipherSuites only, e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  parameters: {
    strongCipherSuites: param.strings(STRONG_CIPHER_SUITES, {
      description: "The TLS cipher suites kube-apiserver may offer (IANA names, as --tls-cipher-suites takes them).",
    }),
  },
  check(pod, context) {
    const strong = context.params.strongCipherSuites;
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      const flag = commandFlag(ref, "--tls-cipher-suites");
      if (flag.value === undefined) {
        return [
          violation("kube-apiserver does not set --tls-cipher-suites: it offers Go's default cipher suites", {
            paths: [flag.path],
            fixes: [setFlag(flag, strong.join(","))],
          }),
        ];
      }
      const weak = flag.items.filter((suite) => !strong.includes(suite));
      const kept = flag.items.filter((suite) => strong.includes(suite));
      if (weak.length === 0 && kept.length > 0) return [];
      const message =
        weak.length === 0
          ? "kube-apiserver sets --tls-cipher-suites to no cipher suite: it offers Go's defaults"
          : `kube-apiserver offers cipher suites that are not strong: ${weak.join(", ")}`;
      return [
        violation(message, { paths: [flag.path], fixes: [setFlag(flag, (kept.length > 0 ? kept : strong).join(","))] }),
      ];
    });
  },
});
