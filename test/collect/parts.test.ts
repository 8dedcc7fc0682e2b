// The parts of the collector one by one: command lines and flags, /etc/passwd, the container
// runtimes' CNI folder, path resolution inside the node's root, redaction, the metadata probe.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseIdFile } from "../../runtime/collect/accounts.js";
import { cloudProviderData } from "../../runtime/collect/cloud.js";
import { HostFs } from "../../runtime/collect/host-fs.js";
import { commandLine, executableName, flagValue, splitCmdline } from "../../runtime/collect/processes.js";
import { REDACTED, redactEncryptionConfig, redactKubeletConfig } from "../../runtime/collect/redact.js";
import { containerdCniDir, crioCniDir } from "../../runtime/collect/runtime-config.js";

const root = mkdtempSync(path.join(tmpdir(), "rampart-collect-parts-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("command lines", () => {
  const process = { pid: 7, args: splitCmdline("/usr/bin/kubelet\0--config\0/a.yaml\0--v=2\0--flag\0--x=\0") };

  it("splits NUL-separated arguments (the last NUL ends the last one)", () => {
    expect(process.args).toEqual(["/usr/bin/kubelet", "--config", "/a.yaml", "--v=2", "--flag", "--x="]);
    expect(splitCmdline("a\0\0b\0")).toEqual(["a", "", "b"]);
    expect(commandLine(process)).toBe("/usr/bin/kubelet --config /a.yaml --v=2 --flag --x=");
    expect(executableName(process)).toBe("kubelet");
    expect(executableName({ pid: 1, args: [] })).toBe("");
  });

  it("reads flags as Kubernetes components take them", () => {
    expect(flagValue(process, "--config")).toBe("/a.yaml");
    expect(flagValue(process, "--v")).toBe("2");
    expect(flagValue(process, "--flag")).toBe("");
    expect(flagValue(process, "--x")).toBe("");
    expect(flagValue(process, "--conf")).toBeUndefined();
    expect(flagValue({ pid: 1, args: ["etcd", "--data-dir=/a", "--data-dir=/b"] }, "--data-dir")).toBe("/b");
    expect(flagValue({ pid: 1, args: ["--kubeconfig=/x"] }, "--kubeconfig")).toBeUndefined();
  });
});

describe("accounts and runtime configuration", () => {
  it("maps ids to names, first name wins, malformed lines ignored", () => {
    const names = parseIdFile(
      "# comment\nroot:x:0:0::/root:/bin/sh\ntoor:x:0:0\nbad line\n:x:5:\nweb:x:33:33\nneg:x:-1:\n",
    );
    expect([...names]).toEqual([
      [0, "root"],
      [33, "web"],
    ]);
  });

  it("finds the CNI folder in containerd's and CRI-O's configuration", () => {
    expect(
      containerdCniDir(
        'version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd]\n  conf_dir = "/wrong"\n[plugins."io.containerd.grpc.v1.cri".cni]\n  bin_dir = "/opt/cni/bin"\n  conf_dir = "/etc/cni/custom"\n',
      ),
    ).toBe("/etc/cni/custom");
    expect(
      containerdCniDir("version = 3\n[plugins.'io.containerd.cri.v1.runtime'.cni]\n  conf_dir = '/v3/net.d'\n"),
    ).toBe("/v3/net.d");
    expect(containerdCniDir('[plugins."io.containerd.grpc.v1.cri".cni]\n  conf_dir = ""\n')).toBeUndefined();
    expect(crioCniDir('[crio]\n[crio.network]\nnetwork_dir = "/etc/crio-cni/"\n')).toBe("/etc/crio-cni/");
    expect(crioCniDir("[crio.runtime]\nnetwork_dir = '/x'\n")).toBeUndefined();
  });
});

describe("paths inside the node's root", () => {
  const host = new HostFs(root);
  mkdirSync(path.join(root, "etc/kubernetes"), { recursive: true });
  mkdirSync(path.join(root, "data/k8s"), { recursive: true });
  writeFileSync(path.join(root, "data/k8s/admin.conf"), "x");
  symlinkSync("/data/k8s", path.join(root, "etc/kubernetes/real"));
  symlinkSync("../../../../../../data/k8s/admin.conf", path.join(root, "etc/kubernetes/up.conf"));
  symlinkSync("real/admin.conf", path.join(root, "etc/kubernetes/relative.conf"));
  symlinkSync("loop-b", path.join(root, "etc/kubernetes/loop-a"));
  symlinkSync("loop-a", path.join(root, "etc/kubernetes/loop-b"));

  it("follows absolute and relative links inside the root, never above it", () => {
    const inRoot = path.join(root, "data/k8s/admin.conf");
    expect(host.resolve("/etc/kubernetes/real/admin.conf")).toEqual({ state: "found", value: inRoot });
    expect(host.resolve("/etc/kubernetes/relative.conf")).toEqual({ state: "found", value: inRoot });
    expect(host.resolve("/etc/kubernetes/up.conf")).toEqual({ state: "found", value: inRoot });
    expect(host.resolve("/../../data/./k8s/admin.conf")).toEqual({ state: "found", value: inRoot });
  });

  it("answers missing or unreadable, never throws", () => {
    expect(host.resolve("/etc/kubernetes/none.conf")).toEqual({ state: "missing" });
    expect(host.resolve("/data/k8s/admin.conf/below")).toEqual({ state: "missing" });
    expect(host.resolve("/etc/kubernetes/loop-a")).toEqual({
      state: "unreadable",
      reason: "too many levels of symbolic links",
    });
    expect(host.read(path.join(root, "data/k8s/admin.conf"), 0)).toEqual({
      state: "unreadable",
      reason: "larger than 0 bytes (1)",
    });
    expect(host.list(path.join(root, "none"))).toEqual({ state: "missing" });
    expect(host.text("/etc/kubernetes/loop-a")).toBeUndefined();
  });
});

describe("redaction", () => {
  const text = (lookup: ReturnType<typeof redactEncryptionConfig>) =>
    lookup.state === "found" ? lookup.value.toString("utf8") : `(${lookup.state})`;

  it("rebuilds an encryption configuration from what controls read, keys replaced", () => {
    const source = `{"kind":"EncryptionConfiguration","apiVersion":"apiserver.config.k8s.io/v1","extra":"SECRET1",
      "resources":[{"resources":["secrets"],"providers":[
        {"secretbox":{"keys":[{"name":"a","secret":"SECRET2"}, "SECRET3", {"secret":{"nested":"SECRET4"}}]}},
        {"aesgcm":{"keys":"SECRET5"}}, {"custom":{"token":"SECRET6"}}, {"kms":{"name":"x","endpoint":"e","token":"SECRET7"}}, "SECRET8"]},
        "SECRET9"]}`;
    const redacted = text(redactEncryptionConfig(Buffer.from(source)));
    expect(parse(redacted)).toEqual({
      apiVersion: "apiserver.config.k8s.io/v1",
      kind: "EncryptionConfiguration",
      resources: [
        {
          resources: ["secrets"],
          providers: [
            { secretbox: { keys: [{ name: "a", secret: REDACTED }, { secret: REDACTED }, { secret: REDACTED }] } },
            { aesgcm: {} },
            { custom: {} },
            { kms: { name: "x", endpoint: "e" } },
            {},
          ],
        },
      ],
    });
    for (let index = 1; index <= 9; index += 1) expect(redacted).not.toContain(`SECRET${index}`);
  });

  it("sends nothing of a file that does not parse or is not an object", () => {
    expect(redactEncryptionConfig(Buffer.from("key: [unclosed"))).toMatchObject({ state: "unreadable" });
    expect(redactEncryptionConfig(Buffer.from("- a list"))).toMatchObject({ state: "unreadable" });
    expect(redactKubeletConfig(Buffer.from("just text"))).toMatchObject({ state: "unreadable" });
  });

  it("keeps a kubelet config byte for byte unless it holds header credentials", () => {
    const plain = Buffer.from("# comment kept\nkind: KubeletConfiguration\nreadOnlyPort: 0\n");
    expect(redactKubeletConfig(plain)).toEqual({ state: "found", value: plain });
    const withHeaders = redactKubeletConfig(
      Buffer.from(
        '{"kind":"KubeletConfiguration","staticPodURLHeader":{"Authorization":["Bearer t0k3n"],"X":["a","b"]}}',
      ),
    );
    expect(parse(text(withHeaders))).toEqual({
      kind: "KubeletConfiguration",
      staticPodURLHeader: { Authorization: [REDACTED], X: [REDACTED] },
    });
  });
});

describe("the instance metadata probe", () => {
  it("is true when an endpoint answers 200, absent otherwise", async () => {
    const server = createServer((request, response) => {
      response.statusCode = request.headers["metadata-flavor"] === "Google" ? 200 : 404;
      response.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await cloudProviderData([{ url: `${base}/a`, headers: { "Metadata-Flavor": "Google" } }])).toEqual({
        providerMetaDataAPIAccess: true,
      });
      expect(await cloudProviderData([{ url: `${base}/a`, headers: {} }])).toEqual({});
    } finally {
      server.close();
    }
    // Nothing listening: no access, no error.
    expect(await cloudProviderData([{ url: `${base}/gone`, headers: {} }], 500)).toEqual({});
  });
});
