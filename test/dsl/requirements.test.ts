// What a control requires of a scan's input (dsl/requirements.ts): met when the input holds any
// of it, with the reasons of what it lacks; a narrower requirement gives the broader one's reason
// when the input lacks that too.
import { describe, expect, it } from "vitest";
import { type InputObject, requirement, requirementStatus } from "../../dsl/index.js";

const nodes = requirement({
  name: "control-plane pods",
  missing: "no control-plane pods in the input",
  providedBy: (object) =>
    object.kind === "Pod" && (object.metadata as { namespace?: string }).namespace === "kube-system",
});
const etcd = requirement({
  name: "etcd pods",
  missing: "no etcd pod in the input",
  providedBy: (object) => object.kind === "Pod" && (object.metadata as { name?: string }).name === "etcd",
  within: nodes,
});
const cloud = requirement({
  name: "a cluster description",
  missing: "no cluster description in the input",
  providedBy: (object) => object.kind === "ClusterDescribe",
});

const pod = (name: string, namespace: string): InputObject => ({ kind: "Pod", metadata: { name, namespace } });

describe("requirementStatus", () => {
  it("is met without requirements, whatever the input", () => {
    expect(requirementStatus([], [])).toEqual({ met: true, unmet: [] });
  });

  it("is met when the input provides the data", () => {
    expect(requirementStatus([etcd], [pod("etcd", "kube-system")])).toEqual({ met: true, unmet: [] });
  });

  it("gives the reason when it does not, or the broader requirement's when the input lacks that too", () => {
    expect(requirementStatus([etcd], [pod("kube-apiserver", "kube-system")])).toEqual({
      met: false,
      unmet: ["no etcd pod in the input"],
    });
    expect(requirementStatus([etcd], [pod("web", "shop")])).toEqual({
      met: false,
      unmet: ["no control-plane pods in the input"],
    });
  });

  it("is met by any of several requirements, naming the others", () => {
    const objects = [pod("etcd", "kube-system")];
    expect(requirementStatus([etcd, cloud], objects)).toEqual({
      met: true,
      unmet: ["no cluster description in the input"],
    });
    expect(requirementStatus([etcd, cloud], [])).toEqual({
      met: false,
      unmet: ["no control-plane pods in the input", "no cluster description in the input"],
    });
  });
});
