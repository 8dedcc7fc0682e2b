// Field positions for line-precise reports: the key of the field, else its nearest existing
// ancestor, else the object's first line; YAML and JSON, several documents, List items.
import { describe, expect, it } from "vitest";
import { fieldPosition, locateFields, parsePath, parseText } from "../../runtime/input/positions.js";

const DEPLOYMENT = `# leading comment
apiVersion: v1
kind: ConfigMap
metadata: {name: first}
data:
  plain: x
  aws_access_key_id: AKIA
  key.with.dots: y
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: a
          image: a
        - name: b
          securityContext:
            privileged: true
          env: null
`;

function at(text: string, documentIndex: number, itemIndex: number | undefined, path: string) {
  return fieldPosition(parseText(text), documentIndex, itemIndex, path);
}

describe("parsePath", () => {
  it("splits dots and brackets, keeping dots inside brackets", () => {
    expect(parsePath("spec.containers[1].securityContext.privileged")).toEqual([
      { key: "spec", bracketed: false },
      { key: "containers", bracketed: false },
      { key: "1", bracketed: true },
      { key: "securityContext", bracketed: false },
      { key: "privileged", bracketed: false },
    ]);
    expect(parsePath("metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]")).toEqual([
      { key: "metadata", bracketed: false },
      { key: "annotations", bracketed: false },
      { key: "seccomp.security.alpha.kubernetes.io/pod", bracketed: true },
    ]);
    expect(parsePath("data[a]b]")).toEqual([
      { key: "data", bracketed: false },
      { key: "a]b", bracketed: true },
    ]);
  });
});

describe("fieldPosition", () => {
  it("finds the key of a field, through sequences", () => {
    expect(at(DEPLOYMENT, 1, undefined, "spec.template.spec.containers[1].securityContext.privileged")).toEqual({
      line: 22,
      column: 13,
    });
    expect(at(DEPLOYMENT, 1, undefined, "spec.template.spec.containers[1]")).toEqual({ line: 20, column: 11 });
  });

  it("finds bracketed map keys, dots included", () => {
    expect(at(DEPLOYMENT, 0, undefined, "data[aws_access_key_id]")).toEqual({ line: 7, column: 3 });
    expect(at(DEPLOYMENT, 0, undefined, "data[key.with.dots]")).toEqual({ line: 8, column: 3 });
  });

  it("falls back to the nearest existing ancestor, then to the object's first line", () => {
    // allowPrivilegeEscalation is missing: its securityContext is reported.
    expect(
      at(DEPLOYMENT, 1, undefined, "spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation"),
    ).toEqual({ line: 21, column: 11 });
    // A null field exists as a key.
    expect(at(DEPLOYMENT, 1, undefined, "spec.template.spec.containers[1].env[0].value")).toEqual({
      line: 23,
      column: 11,
    });
    expect(at(DEPLOYMENT, 1, undefined, "spec.template.spec.containers[7].image")).toEqual({ line: 17, column: 7 });
    expect(at(DEPLOYMENT, 1, undefined, "status.replicas")).toEqual({ line: 10, column: 1 });
    expect(at(DEPLOYMENT, 0, undefined, "")).toEqual({ line: 2, column: 1 });
  });

  it("is undefined when the document is not there", () => {
    expect(at(DEPLOYMENT, 5, undefined, "metadata")).toBeUndefined();
    expect(at(DEPLOYMENT, 1, 0, "metadata")).toBeUndefined();
  });

  it("reads JSON, List items and top-level sequences", () => {
    const list =
      '{\n  "kind": "List",\n  "items": [\n    {"kind": "Pod"},\n    {"kind": "Pod",\n     "spec": {"hostPID": true}}\n  ]\n}\n';
    expect(at(list, 0, 1, "spec.hostPID")).toEqual({ line: 6, column: 15 });
    expect(at(list, 0, 0, "spec.hostPID")).toEqual({ line: 4, column: 5 });
    const sequence = "- kind: Pod\n- kind: Pod\n  spec:\n    hostIPC: true\n";
    expect(at(sequence, 0, 1, "spec.hostIPC")).toEqual({ line: 4, column: 5 });
  });

  it("follows aliases and merge keys to where the value is written", () => {
    const text = "defaults: &defaults\n  privileged: true\ncontainer:\n  <<: *defaults\n  name: x\nref: *defaults\n";
    expect(at(text, 0, undefined, "container.privileged")).toEqual({ line: 2, column: 3 });
    expect(at(text, 0, undefined, "container.name")).toEqual({ line: 5, column: 3 });
    expect(at(text, 0, undefined, "ref.privileged")).toEqual({ line: 2, column: 3 });
  });

  it("takes the last of duplicate keys, as toJS does (the loader skips such objects)", () => {
    expect(at("a: 1\nb: 2\na: 3\n", 0, undefined, "a")).toEqual({ line: 3, column: 1 });
  });

  it("counts columns after a byte order mark as the loader does (without it)", () => {
    expect(at("\uFEFFkind: Pod\nspec: {hostNetwork: true}\n", 0, undefined, "spec.hostNetwork")).toEqual({
      line: 2,
      column: 8,
    });
  });
});

describe("locateFields", () => {
  it("reads each file once, in any order of requests, and leaves unreadable files without positions", () => {
    const reads: string[] = [];
    const texts: Record<string, string> = { "a.yaml": DEPLOYMENT, "b.yaml": "kind: Pod\nspec:\n  hostPID: true\n" };
    const found = locateFields(
      [
        { file: "a.yaml", documentIndex: 0, path: "data[plain]" },
        { file: "b.yaml", documentIndex: 0, path: "spec.hostPID" },
        { file: "<stdin>", documentIndex: 0, path: "spec" },
        { file: "a.yaml", documentIndex: 1, path: "metadata.name" },
      ],
      (file) => {
        reads.push(file);
        return texts[file];
      },
    );
    expect(found).toEqual([{ line: 6, column: 3 }, { line: 3, column: 3 }, undefined, { line: 13, column: 3 }]);
    expect(reads).toEqual(["a.yaml", "b.yaml", "<stdin>"]);
  });
});
