// Fixes edited into manifest text: the exact text after each kind of edit (everything outside the
// edited fields byte for byte), and the edits refused rather than written wrong.
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { applyPatch, type FieldChange, patchFor } from "../../runtime/fix/json-patch.js";
import { editObject, type ObjectLocation } from "../../runtime/fix/yaml-edit.js";

/** The text with `changes` applied to the object at `location` (the first document by default). */
function edited(text: string, changes: FieldChange[], location: ObjectLocation = { documentIndex: 0 }, json = false) {
  const documents = parseAllDocuments(text);
  const whole = Array.isArray(documents) ? documents[location.documentIndex]?.toJS() : undefined;
  const object =
    location.itemIndex === undefined
      ? whole
      : Array.isArray(whole)
        ? whole[location.itemIndex]
        : (whole as { items: unknown[] }).items[location.itemIndex];
  return editObject(text, location, patchFor(object, changes), json);
}

const set = (path: string, value: unknown): FieldChange => ({ kind: "set", path, value });
const remove = (path: string): FieldChange => ({ kind: "remove", path });

describe("editing a manifest in place", () => {
  it("adds a missing field to a block mapping at its indentation, keeping comments and quoting", () => {
    const text = `# the web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # owned by shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: "registry.example.com/web:1.4"   # pinned
          securityContext:
            runAsNonRoot: true
`;
    expect(
      edited(text, [set("spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation", false)]),
    ).toEqual({
      text: text.replace(
        "            runAsNonRoot: true\n",
        "            runAsNonRoot: true\n            allowPrivilegeEscalation: false\n",
      ),
    });
  });

  it("adds the missing levels as nested block mappings, with the file's own indentation step", () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
    name: p
spec:
    containers:
    -   name: a
        image: nginx
`;
    expect(edited(text, [set("spec.containers[0].resources.limits.cpu", "500m")])).toEqual({
      text: `${text}        resources:\n            limits:\n                cpu: 500m\n`,
    });
  });

  it("replaces a scalar where it is written, and only that scalar", () => {
    const text = "kind: Pod\napiVersion: v1\nmetadata: {name: p}\nspec:\n  hostNetwork: true # why\n  containers: []\n";
    expect(edited(text, [set("spec.hostNetwork", false)])).toEqual({
      text: text.replace("hostNetwork: true # why", "hostNetwork: false # why"),
    });
  });

  it("fills an empty or null value with a flow mapping", () => {
    const empty = "kind: Pod\napiVersion: v1\nmetadata:\n  name: p\nspec:\n  securityContext:\n  containers: []\n";
    expect(edited(empty, [set("spec.securityContext.runAsNonRoot", true)])).toEqual({
      text: empty.replace("  securityContext:\n", "  securityContext: {runAsNonRoot: true}\n"),
    });
    const nulled = empty.replace("securityContext:", "securityContext: null");
    expect(edited(nulled, [set("spec.securityContext.runAsNonRoot", true)])).toEqual({
      text: empty.replace("  securityContext:\n", "  securityContext: {runAsNonRoot: true}\n"),
    });
  });

  it("adds to a flow mapping inside its braces", () => {
    const text =
      "kind: Pod\napiVersion: v1\nmetadata: { name: p }\nspec:\n  containers:\n    - { name: a, image: nginx }\n";
    expect(edited(text, [set("spec.containers[0].securityContext.privileged", false)])).toEqual({
      text: text.replace(
        "{ name: a, image: nginx }",
        "{ name: a, image: nginx, securityContext: {privileged: false} }",
      ),
    });
  });

  it("keeps a string value a string where YAML would read it otherwise", () => {
    const text = "kind: Pod\napiVersion: v1\nmetadata:\n  name: p\n  labels:\n    app: web\n";
    expect(edited(text, [set("metadata.labels.enabled", "true"), set("metadata.labels.port", "8080")])).toEqual({
      text: `${text}    enabled: "true"\n    port: "8080"\n`,
    });
  });

  it("removes a field with its line, and list entries from the last one down", () => {
    const text = `kind: Pod
apiVersion: v1
metadata:
  name: p
spec:
  containers:
    - name: a
      securityContext:
        capabilities:
          add:
            - NET_ADMIN
            - CHOWN
            - SYS_ADMIN
        privileged: true
      ports:
        - containerPort: 80
          hostPort: 80
`;
    const result = edited(text, [
      remove("spec.containers[0].securityContext.capabilities.add[0]"),
      remove("spec.containers[0].securityContext.capabilities.add[2]"),
      remove("spec.containers[0].ports[0].hostPort"),
      set("spec.containers[0].securityContext.privileged", false),
    ]);
    expect(result).toEqual({
      text: text
        .replace("            - NET_ADMIN\n", "")
        .replace("            - SYS_ADMIN\n", "")
        .replace("          hostPort: 80\n", "")
        .replace("privileged: true", "privileged: false"),
    });
  });

  it("writes an emptied list or mapping as [] or {}", () => {
    const text =
      "kind: Pod\napiVersion: v1\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          add:\n            - SYS_ADMIN\n";
    expect(edited(text, [remove("spec.containers[0].securityContext.capabilities.add[0]")])).toEqual({
      text: text.replace("          add:\n            - SYS_ADMIN\n", "          add: []\n"),
    });
    const flow = "kind: Pod\napiVersion: v1\nmetadata: {name: p, labels: {a: b}}\n";
    expect(edited(flow, [remove("metadata.labels.a")])).toEqual({ text: flow.replace("{a: b}", "{}") });
  });

  it("edits only the object named: the other documents of the file and the items of a List stay as they were", () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: first}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: one}
  - apiVersion: v1
    kind: Pod
    metadata: {name: two}
`;
    expect(edited(text, [set("metadata.namespace", "shop")], { documentIndex: 1, itemIndex: 1 })).toEqual({
      text: text.replace("metadata: {name: two}", "metadata: {name: two, namespace: shop}"),
    });
  });

  it("edits JSON as JSON", () => {
    const text = `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": { "name": "p" },
  "spec": { "containers": [{ "name": "a" }] }
}
`;
    expect(
      edited(text, [set("spec.containers[0].securityContext.runAsNonRoot", true)], { documentIndex: 0 }, true),
    ).toEqual({
      text: text.replace('{ "name": "a" }', '{ "name": "a", "securityContext": {"runAsNonRoot":true} }'),
    });
  });

  it("refuses to write through an alias or a merge key, or into a duplicate key", () => {
    const alias =
      "base: &ctx {privileged: true}\nkind: Pod\napiVersion: v1\nspec:\n  containers:\n    - name: a\n      securityContext: *ctx\n";
    expect(edited(alias, [set("spec.containers[0].securityContext.privileged", false)])).toEqual({
      error: "the path runs through a YAML alias (*anchor)",
    });
    const merged = "kind: Pod\napiVersion: v1\nspec:\n  <<: {hostNetwork: true}\n  containers: []\n";
    expect(edited(merged, [set("spec.hostNetwork", false)])).toEqual({
      error: "the path runs through a YAML merge key (<<)",
    });
  });

  it("refuses an edit whose result is not exactly the patched object", () => {
    // A block scalar cannot be replaced by a flow value in place without changing what follows.
    const text = "kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: c\ndata:\n  key: |\n    secret\n";
    const result = editObject(text, { documentIndex: 0 }, [{ op: "add", path: "/data/key/inner", value: 1 }]);
    expect("error" in result).toBe(true);
  });
});

describe("the JSON patch of a fix", () => {
  const object = {
    spec: { containers: [{ name: "a", securityContext: null, ports: [{ hostPort: 80 }] }] },
    metadata: { name: "p" },
  };

  it("replaces what exists (a null included), adds the first missing level, removes what a fix deletes", () => {
    expect(
      patchFor(object, [
        set("spec.containers[0].securityContext.runAsNonRoot", true),
        set("metadata.name", "q"),
        set("metadata.labels.app", "web"),
        remove("spec.containers[0].ports[0].hostPort"),
        remove("spec.containers[0].ports[0].missing"),
      ]),
    ).toEqual([
      { op: "replace", path: "/spec/containers/0/securityContext", value: { runAsNonRoot: true } },
      { op: "replace", path: "/metadata/name", value: "q" },
      { op: "add", path: "/metadata/labels", value: { app: "web" } },
      { op: "remove", path: "/spec/containers/0/ports/0/hostPort" },
    ]);
  });

  it("escapes keys as RFC 6901 says and applies to a copy", () => {
    const patch = patchFor(object, [set("metadata.annotations[example.com/owner~team]", "shop")]);
    expect(patch).toEqual([{ op: "add", path: "/metadata/annotations", value: { "example.com/owner~team": "shop" } }]);
    const deeper = patchFor({ metadata: { annotations: {} } }, [set("metadata.annotations[a/b~c]", "x")]);
    expect(deeper).toEqual([{ op: "add", path: "/metadata/annotations/a~1b~0c", value: "x" }]);
    expect(applyPatch({ metadata: { annotations: {} } }, deeper)).toEqual({
      metadata: { annotations: { "a/b~c": "x" } },
    });
  });

  it("writes nothing that cannot be written: a path through a scalar or past the end of a list", () => {
    expect(patchFor(object, [set("metadata.name.first", "x"), set("spec.containers[3].name", "b")])).toEqual([]);
  });
});
