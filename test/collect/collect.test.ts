// The collector on a fake node (test/collect/fake-node.ts): each object field by field, the
// encryption key and the kubelet's header credentials never in the output, missing and
// unreadable files recorded and never a crash.
import { chmodSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { collectionDocument, collectNode, type NodeCollection } from "../../runtime/collect/collect.js";
import type { FileInfo, NodeFact } from "../../runtime/collect/facts.js";
import {
  AUDIT_POLICY,
  buildFakeNode,
  CAN_CHOWN,
  CMDLINES,
  ENCRYPTION_SECRET,
  ETCD_UID,
  HEADER_TOKEN,
  PIDS,
  SECOND_SECRET,
  UNKNOWN_ID,
} from "./fake-node.js";

const root = mkdtempSync(path.join(tmpdir(), "rampart-fake-node-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let collection: NodeCollection;
beforeAll(async () => {
  buildFakeNode(root);
  collection = await collectNode({ hostRoot: root, nodeName: "fake-node" });
});

const ROOT_OWNER = { uid: 0, gid: 0, username: "root", groupname: "root" };

/** The FileInfo expected for a file: its owner checked only where the tests may set owners. */
function file(nodePath: string, permissions: number, owner: FileInfo["ownership"] = ROOT_OWNER): FileInfo {
  return { ownership: CAN_CHOWN ? owner : expect.any(Object), path: nodePath, permissions };
}

function data(kind: string): Record<string, unknown> {
  const object = collection.objects.find((entry) => entry.kind === kind) as NodeFact<Record<string, unknown>>;
  expect(object, kind).toBeDefined();
  expect(object.apiVersion).toBe("hostdata.kubescape.cloud/v1beta0");
  expect(object.metadata).toEqual({ name: "fake-node" });
  return object.data;
}

function decoded(info: unknown): string {
  return Buffer.from((info as FileInfo).content ?? "", "base64").toString("utf8");
}

describe("rampart collect node on a fake kubeadm node", () => {
  it("writes one object per kind, in Kubescape's shape", () => {
    expect(collection.objects.map((object) => object.kind)).toEqual([
      "ControlPlaneInfo",
      "KubeletInfo",
      "KubeProxyInfo",
      "CNIInfo",
    ]);
    expect(collection.running).toEqual({
      kubelet: PIDS.kubelet,
      "kube-apiserver": PIDS.apiServer,
      "kube-controller-manager": PIDS.controllerManager,
      "kube-scheduler": PIDS.scheduler,
      etcd: PIDS.etcd,
      "kube-proxy": PIDS.kubeProxy,
    });
  });

  it("ControlPlaneInfo: manifests, kubeconfigs, etcd, PKI, command lines", () => {
    const controlPlane = data("ControlPlaneInfo");
    const api = controlPlane.APIServerInfo as Record<string, unknown>;
    expect(api.specsFile).toEqual(file("/etc/kubernetes/manifests/kube-apiserver.yaml", 0o600));
    expect(api.cmdLine).toBe(CMDLINES.apiServer.join(" "));
    expect(api.auditPolicyFile).toEqual({
      ...file("/etc/kubernetes/audit-policy.yaml", 0o600),
      content: expect.any(String),
    });
    expect(decoded(api.auditPolicyFile)).toBe(AUDIT_POLICY);
    expect(api.encryptionProviderConfigFile).toMatchObject(file("/etc/kubernetes/enc/encryption.yaml", 0o600));
    expect(controlPlane.controllerManagerInfo).toEqual({
      specsFile: file("/etc/kubernetes/manifests/kube-controller-manager.yaml", 0o600, {
        uid: UNKNOWN_ID,
        gid: UNKNOWN_ID,
        username: "",
        groupname: "",
      }),
      configFile: file("/etc/kubernetes/controller-manager.conf", 0o600),
      cmdLine: CMDLINES.controllerManager.join(" "),
    });
    // scheduler.conf links to /srv/k8s/scheduler.conf: followed inside the node's root, reported at its own path.
    expect(controlPlane.schedulerInfo).toEqual({
      specsFile: file("/etc/kubernetes/manifests/kube-scheduler.yaml", 0o644),
      configFile: file("/etc/kubernetes/scheduler.conf", 0o600),
      cmdLine: CMDLINES.scheduler.join(" "),
    });
    expect(controlPlane.etcdConfigFile).toEqual(file("/etc/kubernetes/manifests/etcd.yaml", 0o600));
    expect(controlPlane.etcdDataDir).toEqual(
      file("/var/lib/etcd", 0o700, { uid: ETCD_UID, gid: ETCD_UID, username: "etcd", groupname: "etcd" }),
    );
    expect(controlPlane.adminConfigFile).toEqual(file("/etc/kubernetes/admin.conf", 0o644));
    expect(controlPlane.PKIDir).toEqual(file("/etc/kubernetes/pki", 0o755));
    expect(controlPlane.PKIFiles).toEqual([
      file("/etc/kubernetes/pki/apiserver.key", 0o644),
      file("/etc/kubernetes/pki/ca.crt", 0o644),
      file("/etc/kubernetes/pki/ca.key", 0o600),
      file("/etc/kubernetes/pki/etcd", 0o755),
      file("/etc/kubernetes/pki/etcd/ca.key", 0o600),
    ]);
  });

  it("the encryption configuration keeps its providers and key names, never a key", () => {
    const api = data("ControlPlaneInfo").APIServerInfo as Record<string, unknown>;
    const text = decoded(api.encryptionProviderConfigFile);
    expect(parse(text)).toEqual({
      apiVersion: "apiserver.config.k8s.io/v1",
      kind: "EncryptionConfiguration",
      resources: [
        {
          resources: ["secrets", "configmaps"],
          providers: [
            {
              aescbc: {
                keys: [
                  { name: "key1", secret: "<REDACTED>" },
                  { name: "key2", secret: "<REDACTED>" },
                ],
              },
            },
            { kms: { apiVersion: "v2", name: "vault", endpoint: "unix:///var/run/kms.sock" } },
            { identity: {} },
          ],
        },
      ],
    });
    // Neither key, in any encoding, anywhere in what the collector writes.
    const written = JSON.stringify(collectionDocument(collection));
    for (const secret of [ENCRYPTION_SECRET, SECOND_SECRET]) {
      for (const form of [
        secret,
        Buffer.from(secret).toString("base64"),
        Buffer.from(secret, "base64").toString("utf8"),
      ]) {
        expect(written).not.toContain(form);
        expect(text).not.toContain(form);
      }
    }
  });

  it("KubeletInfo: config (header credentials removed), kubeconfig, client CA from the config, drop-ins, command line", () => {
    const kubelet = data("KubeletInfo");
    expect(kubelet).toEqual({
      serviceFiles: [file("/etc/systemd/system/kubelet.service.d/10-kubeadm.conf", 0o644)],
      configFile: { ...file("/var/lib/kubelet/config.yaml", 0o644), content: expect.any(String) },
      kubeConfigFile: file("/etc/kubernetes/kubelet.conf", 0o600),
      clientCAFile: file("/etc/kubernetes/pki/ca.crt", 0o644),
      cmdLine: CMDLINES.kubelet.join(" "),
    });
    const config = parse(decoded(kubelet.configFile));
    expect(config.authentication).toEqual({
      anonymous: { enabled: false },
      x509: { clientCAFile: "/etc/kubernetes/pki/ca.crt" },
    });
    expect(config.readOnlyPort).toBe(0);
    expect(config.staticPodURLHeader).toEqual({ Authorization: ["<REDACTED>"] });
    expect(JSON.stringify(collectionDocument(collection))).not.toContain(Buffer.from(HEADER_TOKEN).toString("base64"));
    expect(decoded(kubelet.configFile)).not.toContain("static-pod-url-token");
  });

  it("KubeProxyInfo: the kubeconfig its config file names, found in the container's root", () => {
    expect(data("KubeProxyInfo")).toEqual({
      kubeConfigFile: file("/var/lib/kube-proxy/kubeconfig.conf", 0o600),
      cmdLine: CMDLINES.kubeProxy.join(" "),
    });
  });

  it("CNIInfo: every file of the CNI folder and the running agent", () => {
    expect(data("CNIInfo")).toEqual({
      CNIConfigFiles: [
        file("/etc/cni/net.d/10-calico.conflist", 0o644),
        file("/etc/cni/net.d/calico-kubeconfig", 0o600),
      ],
      CNINames: ["Calico"],
    });
  });

  it("records what it looked for and did not find", () => {
    expect(collection.missing).toEqual([]);
    expect(collection.unreadable).toEqual({});
  });
});

describe("rampart collect node on a node with gaps", () => {
  const gappy = mkdtempSync(path.join(tmpdir(), "rampart-gappy-node-"));
  afterAll(() => rmSync(gappy, { recursive: true, force: true }));

  it("records missing and unreadable files, keeps permissions of a file whose content it may not send", async () => {
    buildFakeNode(gappy);
    rmSync(path.join(gappy, "etc/kubernetes/admin.conf"));
    rmSync(path.join(gappy, "etc/kubernetes/pki"), { recursive: true });
    rmSync(path.join(gappy, "etc/passwd"));
    // A link loop, an encryption config that does not parse, a content too large to read.
    unlinkSync(path.join(gappy, "etc/kubernetes/scheduler.conf"));
    symlinkSync("/etc/kubernetes/scheduler.conf", path.join(gappy, "etc/kubernetes/scheduler.conf"));
    writeFileSync(path.join(gappy, "etc/kubernetes/enc/encryption.yaml"), `secret: ${ENCRYPTION_SECRET}\n  bad: [`);
    writeFileSync(path.join(gappy, "etc/kubernetes/audit-policy.yaml"), "x".repeat(2 * 1024 * 1024));
    chmodSync(path.join(gappy, "etc/kubernetes/audit-policy.yaml"), 0o640);
    const result = await collectNode({ hostRoot: gappy, nodeName: "gappy" });
    // The kubelet's client CA (named by its config) was in the PKI folder.
    expect(result.missing).toEqual(["/etc/kubernetes/admin.conf", "/etc/kubernetes/pki", "/etc/kubernetes/pki/ca.crt"]);
    expect(result.unreadable).toEqual({
      "/etc/kubernetes/audit-policy.yaml": "larger than 1048576 bytes (2097152)",
      "/etc/kubernetes/enc/encryption.yaml": expect.stringMatching(/^does not parse .*: its content is not sent$/),
      "/etc/kubernetes/scheduler.conf": "too many levels of symbolic links",
    });
    const controlPlane = result.objects[0]?.data as Record<string, Record<string, unknown>>;
    expect(controlPlane.adminConfigFile).toBeUndefined();
    expect(controlPlane.PKIDir).toBeUndefined();
    expect(controlPlane.PKIFiles).toBeUndefined();
    expect(controlPlane.schedulerInfo?.configFile).toBeUndefined();
    // Without /etc/passwd the owner has ids and no user name.
    expect(controlPlane.etcdConfigFile).toEqual({
      ownership: CAN_CHOWN ? { uid: 0, gid: 0, username: "", groupname: "root" } : expect.any(Object),
      path: "/etc/kubernetes/manifests/etcd.yaml",
      permissions: 0o600,
    });
    const api = controlPlane.APIServerInfo as Record<string, unknown>;
    expect(api.auditPolicyFile).toEqual({
      ownership: expect.any(Object),
      path: "/etc/kubernetes/audit-policy.yaml",
      permissions: 0o640,
    });
    expect(api.encryptionProviderConfigFile).not.toHaveProperty("content");
    expect(JSON.stringify(collectionDocument(result))).not.toContain(ENCRYPTION_SECRET);
  });

  it("an empty root is a node with nothing: no objects, the well-known files missing", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "rampart-empty-node-"));
    try {
      const result = await collectNode({ hostRoot: empty, nodeName: "empty" });
      expect(result.objects).toEqual([]);
      expect(result.missing).toEqual([
        "/etc/cni/net.d",
        "/etc/kubernetes/admin.conf",
        "/etc/kubernetes/manifests/etcd.yaml",
        "/etc/kubernetes/pki",
        "/var/lib/etcd",
      ]);
      expect(result.running).toEqual({});
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
