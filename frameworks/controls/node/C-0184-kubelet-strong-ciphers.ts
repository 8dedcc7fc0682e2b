import { control, param, violation } from "../../../dsl/index.js";
import { STRONG_CIPHER_SUITES } from "../control-plane/shared/ciphers.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { CONFIG_CONTENT, configUnread, kubeletFlag, readsConfig } from "./shared/kubelet.js";

export default control({
  id: "C-0184",
  name: "Ensure that the Kubelet only makes use of Strong Cryptographic Ciphers",
  baseScore: 5,
  category: "Control plane",
  description:
    "The kubelet's API offers the TLS cipher suites of --tls-cipher-suites or tlsCipherSuites, else Go's defaults; a weak suite lets an attacker on the network decrypt or tamper with the traffic to it. The accepted suites are the parameter strongCipherSuites.",
  remediation:
    "Set tlsCipherSuites in the kubelet's config file (or --tls-cipher-suites) to suites of strongCipherSuites only, e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  parameters: {
    strongCipherSuites: param.strings(STRONG_CIPHER_SUITES, {
      description: "The TLS cipher suites the kubelet may offer (IANA names, as --tls-cipher-suites takes them).",
    }),
  },
  check(info, context) {
    const strong = context.params.strongCipherSuites;
    const flag = kubeletFlag(info, "--tls-cipher-suites");
    if (flag.value !== undefined) {
      const weak = flag.items.filter((suite) => !strong.includes(suite));
      if (weak.length === 0 && flag.items.length > 0) return [];
      const what =
        weak.length > 0 ? `cipher suites that are not strong: ${weak.join(", ")}` : "Go's default cipher suites";
      return [
        violation(`the kubelet runs with --tls-cipher-suites=${flag.value}: it offers ${what}`, { paths: [flag.path] }),
      ];
    }
    if (!readsConfig(info))
      return [
        violation(
          "the kubelet sets neither --tls-cipher-suites nor a config file: it offers Go's default cipher suites",
          {
            paths: [flag.path],
          },
        ),
      ];
    const unread = configUnread(info, "tlsCipherSuites");
    if (unread.length > 0) return unread;
    const suites = info.data?.configFile?.decoded?.tlsCipherSuites ?? [];
    const weak = suites.filter((suite) => !strong.includes(suite));
    if (weak.length === 0 && suites.length > 0) return [];
    return [
      weak.length > 0
        ? violation(
            `the kubelet's config file sets tlsCipherSuites with suites that are not strong: ${weak.join(", ")}`,
            {
              paths: [CONFIG_CONTENT],
            },
          )
        : violation("the kubelet's config file sets no tlsCipherSuites: it offers Go's default cipher suites", {
            paths: [CONFIG_CONTENT],
          }),
    ];
  },
});
