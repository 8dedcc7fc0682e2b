// Golden tests: one construct of the check subset at a time, its Rego and its CEL side by side.
// Each Rego module also passes `opa check --strict` and is unchanged by `opa fmt`.
import { describe, expect, it } from "vitest";
import { compileSnippet, NOT_SUPPORTED, opaRoundTrip } from "./snippet.js";

function compiled(check: string, options?: Parameters<typeof compileSnippet>[1]) {
  const result = compileSnippet(check, options);
  expect(opaRoundTrip(result.module), "opa check --strict and opa fmt --list").toBe("");
  return result;
}

describe("the check subset, compiled", () => {
  it("optional chaining compared with a literal; filter then map", () => {
    const { rego, cel } = compiled(`
return containers(workload)
  .filter((ref) => ref.container.securityContext?.privileged === true)
  .map((ref) => violation(\`container \${ref.container.name} is privileged\`, { paths: [\`\${ref.path}.securityContext.privileged\`] }));`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": concat("", ["container ", lib.text(lib.get(ref_2, ["container", "name"])), " is privileged"]), "paths": [concat("", [lib.text(lib.get(ref_2, ["path"])), ".securityContext.privileged"])], "fixes": []} |
      	some ref in lib.containers(workload, false, false)
      	lib.get(ref, ["container", "securityContext", "privileged"]) == true
      	ref_2 := ref
      ]"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"variables.containerRefs.filter(ref, ref.?container.?securityContext.?privileged.orValue(null) == true).map(ref_2, {"message": dyn("container " + ref_2.?container.?name.orValue(null) + " is privileged"), "paths": dyn([ref_2.?path.orValue(null) + ".securityContext.privileged"]), "fixes": dyn([])})"`,
    );
  });

  it("missing fields: !== undefined, ?? and a boolean that may be missing", () => {
    const { rego, cel } = compiled(`
const spec = podSpec(workload);
const hostNetwork = spec?.hostNetwork;
const port = spec?.containers[0]?.ports?.[0]?.hostPort ?? 0;
return hostNetwork === true || (spec !== undefined && port > 0) ? [violation("uses the host network")] : [];`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": "uses the host network", "paths": [], "fixes": []}] if {
      	spec := lib.pod_spec(workload)
      	hostNetwork := lib.get(spec, ["hostNetwork"])
      	port := lib.coalesce(lib.get(spec, ["containers", 0, "ports", 0, "hostPort"]), 0)
      	count(array.flatten([[1 | hostNetwork == true], [1 | spec != null; port > 0]])) > 0
      }

      violations(workload) := [] if {
      	spec := lib.pod_spec(workload)
      	hostNetwork := lib.get(spec, ["hostNetwork"])
      	port := lib.coalesce(lib.get(spec, ["containers", 0, "ports", 0, "hostPort"]), 0)
      	count(array.flatten([[1 | hostNetwork == true], [1 | spec != null; port > 0]])) == 0
      }"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"optional.ofNonZeroValue(variables.podSpec).?hostNetwork.orValue(null) == true || variables.podSpec != null && (optional.ofNonZeroValue(variables.podSpec).?containers[?0].?ports[?0].?hostPort.orValue(null) != null ? optional.ofNonZeroValue(variables.podSpec).?containers[?0].?ports[?0].?hostPort.orValue(null) : 0) > 0 ? [{"message": dyn("uses the host network"), "paths": dyn([]), "fixes": dyn([])}] : []"`,
    );
  });

  it("negation, && and ordered comparison with a fallback", () => {
    const { rego, cel } = compiled(`
const security = podSpec(workload)?.securityContext;
const user = security?.runAsUser;
return !(user !== undefined && user >= 1000) && security?.runAsNonRoot !== true ? [violation("may run as root")] : [];`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": "may run as root", "paths": [], "fixes": []}] if {
      	security := lib.get(lib.pod_spec(workload), ["securityContext"])
      	user := lib.get(security, ["runAsUser"])
      	count([1 | user != null; user >= 1000]) == 0
      	lib.get(security, ["runAsNonRoot"]) != true
      }

      violations(workload) := [] if {
      	security := lib.get(lib.pod_spec(workload), ["securityContext"])
      	user := lib.get(security, ["runAsUser"])
      	count([1 | count([1 | user != null; user >= 1000]) == 0; lib.get(security, ["runAsNonRoot"]) != true]) == 0
      }"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"!(optional.ofNonZeroValue(variables.podSpec).?securityContext.?runAsUser.orValue(null) != null && optional.ofNonZeroValue(variables.podSpec).?securityContext.?runAsUser.orValue(null) >= 1000) && optional.ofNonZeroValue(variables.podSpec).?securityContext.?runAsNonRoot.orValue(null) != true ? [{"message": dyn("may run as root"), "paths": dyn([]), "fixes": dyn([])}] : []"`,
    );
  });

  it("names bound and never read: consts, a callback's item and a helper's parameter (opa check --strict)", () => {
    const { rego, cel } = compiled(
      `
const kind = workload.kind;
return containers(workload)
  .filter((ref) => named(ref.container.name, "app"))
  .map((ref) => {
    const path = ref.path;
    return violation("an app container");
  });`,
      { preamble: `function named(name: string | undefined, unused: string): boolean { return name === "app"; }` },
    );
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": "an app container", "paths": [], "fixes": []} |
      	some ref in lib.containers(workload, false, false)
      	named(lib.get(ref, ["container", "name"]), "app") == true
      ]

      named(name, _) := name == "app""
    `);
    expect(cel).toMatchInlineSnapshot(
      `"variables.containerRefs.filter(ref, (ref.?container.?name.orValue(null) == "app") == true).map(ref_2, {"message": dyn("an app container"), "paths": dyn([]), "fixes": dyn([])})"`,
    );
  });

  it("early return with if, and a ternary choosing a string", () => {
    const { rego, cel } = compiled(`
const spec = podSpec(workload);
if (spec === undefined) return [];
const where = workload.kind === "Pod" ? "pod" : "template";
return (spec.volumes ?? []).length > 3 ? [violation(\`the \${where} mounts more than 3 volumes\`)] : [];`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [] if {
      	spec := lib.pod_spec(workload)
      	spec == null
      }

      violations(workload) := [{"message": concat("", ["the ", lib.text(where), " mounts more than 3 volumes"]), "paths": [], "fixes": []}] if {
      	spec := lib.pod_spec(workload)
      	spec != null
      	where := array.concat(["pod" | object.get(workload, ["kind"], null) == "Pod"], ["template" | object.get(workload, ["kind"], null) != "Pod"])[0]
      	count(lib.coalesce(lib.get(spec, ["volumes"]), [])) > 3
      }

      violations(workload) := [] if {
      	spec := lib.pod_spec(workload)
      	spec != null
      	count(lib.coalesce(lib.get(spec, ["volumes"]), [])) <= 3
      }"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"!(variables.podSpec != null) ? [] : size(optional.ofNonZeroValue(variables.podSpec).?volumes.orValue(null) != null ? optional.ofNonZeroValue(variables.podSpec).?volumes.orValue(null) : []) > 3 ? [{"message": dyn("the " + (object.?kind.orValue(null) == "Pod" ? "pod" : "template") + " mounts more than 3 volumes"), "paths": dyn([]), "fixes": dyn([])}] : []"`,
    );
  });

  it("some, every, includes and length", () => {
    const { rego, cel } = compiled(`
const refs = containers(workload, { init: true });
const dropsAll = refs.every((ref) => (ref.container.securityContext?.capabilities?.drop ?? []).includes("ALL"));
const pullsAlways = refs.some((ref) => ref.container.imagePullPolicy === "Always");
return !dropsAll && !pullsAlways && refs.length > 0 ? [violation("no container drops ALL capabilities")] : [];`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": "no container drops ALL capabilities", "paths": [], "fixes": []}] if {
      	refs := lib.containers(workload, true, false)
      	dropsAll := count([1 | some ref in refs; count([1 | "ALL" in lib.coalesce(lib.get(ref, ["container", "securityContext", "capabilities", "drop"]), [])]) == 0]) == 0
      	pullsAlways := count([1 | some ref_2 in refs; lib.get(ref_2, ["container", "imagePullPolicy"]) == "Always"]) > 0
      	dropsAll != true
      	pullsAlways != true
      	count(refs) > 0
      }

      violations(workload) := [] if {
      	refs := lib.containers(workload, true, false)
      	dropsAll := count([1 | some ref in refs; count([1 | "ALL" in lib.coalesce(lib.get(ref, ["container", "securityContext", "capabilities", "drop"]), [])]) == 0]) == 0
      	pullsAlways := count([1 | some ref_2 in refs; lib.get(ref_2, ["container", "imagePullPolicy"]) == "Always"]) > 0
      	count([1 | dropsAll != true; pullsAlways != true; count(refs) > 0]) == 0
      }"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"!((variables.containerRefs + variables.initContainerRefs).all(ref, "ALL" in (ref.?container.?securityContext.?capabilities.?drop.orValue(null) != null ? ref.?container.?securityContext.?capabilities.?drop.orValue(null) : [])) == true) && !((variables.containerRefs + variables.initContainerRefs).exists(ref_2, ref_2.?container.?imagePullPolicy.orValue(null) == "Always") == true) && size(variables.containerRefs + variables.initContainerRefs) > 0 ? [{"message": dyn("no container drops ALL capabilities"), "paths": dyn([]), "fixes": dyn([])}] : []"`,
    );
  });

  it("flatMap with an index, spread and template literals with numbers", () => {
    const { rego, cel } = compiled(`
return containers(workload).flatMap((ref) => [
  ...(ref.container.ports ?? []).flatMap((port, index) =>
    port.containerPort < 1024 ? [violation(\`port \${port.containerPort} of \${ref.container.name} is privileged\`, { paths: [\`\${ref.path}.ports[\${index}]\`] })] : [],
  ),
]);`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [element1 |
      	some ref in lib.containers(workload, false, false)
      	some element1 in [{"message": concat("", ["port ", format_int(lib.get(port, ["containerPort"]), 10), " of ", lib.text(lib.get(ref, ["container", "name"])), " is privileged"]), "paths": [concat("", [lib.text(lib.get(ref, ["path"])), ".ports[", format_int(index, 10), "]"])], "fixes": []} | some index, port in lib.coalesce(lib.get(ref, ["container", "ports"]), []); lib.get(port, ["containerPort"]) < 1024]
      ]"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"variables.containerRefs.map(ref, (ref.?container.?ports.orValue(null) != null ? ref.?container.?ports.orValue(null) : []).transformList(index, port, port.?containerPort.orValue(null) < 1024, {"message": dyn("port " + string(port.?containerPort.orValue(null)) + " of " + ref.?container.?name.orValue(null) + " is privileged"), "paths": dyn([ref.?path.orValue(null) + ".ports[" + string(index) + "]"]), "fixes": dyn([])})).flatten()"`,
    );
  });

  it("string methods and a regular expression literal", () => {
    const { rego, cel } = compiled(`
return containers(workload)
  .filter((ref) => {
    const image = (ref.container.image ?? "").toLowerCase();
    return image.endsWith(":latest") || !image.includes(":") || /^docker\\.io\\//i.test(image) || image.startsWith("localhost/");
  })
  .map((ref) => violation(\`\${ref.container.name} uses a floating or public image\`));`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": concat("", [lib.text(lib.get(ref_2, ["container", "name"])), " uses a floating or public image"]), "paths": [], "fixes": []} |
      	some ref in lib.containers(workload, false, false)
      	image := lower(lib.coalesce(lib.get(ref, ["container", "image"]), ""))
      	count(array.flatten([[1 | endswith(image, ":latest")], [1 | count([1 | contains(image, ":")]) == 0], [1 | regex.match("(?i)^docker\\\\.io/", image)], [1 | startswith(image, "localhost/")]])) > 0
      	ref_2 := ref
      ]"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"NOT_SUPPORTED: uses toLowerCase(), which lowers all of Unicode while CEL lowers ASCII only: use lowerAscii() from the DSL"`,
    );
  });

  it("lowerAscii means the same in every back end", () => {
    const { rego, cel } = compiled(`
return containers(workload)
  .filter((ref) => lowerAscii(ref.container.name).startsWith("debug"))
  .map((ref) => violation(\`\${ref.container.name} looks like a debug container\`));`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": concat("", [lib.text(lib.get(ref_2, ["container", "name"])), " looks like a debug container"]), "paths": [], "fixes": []} |
      	some ref in lib.containers(workload, false, false)
      	startswith(lib.lower_ascii(lib.get(ref, ["container", "name"])), "debug")
      	ref_2 := ref
      ]"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"variables.containerRefs.filter(ref, ref.?container.?name.orValue(null).lowerAscii().startsWith("debug")).map(ref_2, {"message": dyn(ref_2.?container.?name.orValue(null) + " looks like a debug container"), "paths": dyn([]), "fixes": dyn([])})"`,
    );
  });

  it("a helper function of the author's, control inputs and Object.entries", () => {
    const { rego, cel } = compiled(
      `
const labels = podMetadata(workload)?.labels ?? {};
return Object.entries(labels)
  .filter(([key, value]) => forbidden(key, context) && value !== "")
  .map(([key]) => violation(\`label \${key} is reserved\`, { paths: [\`metadata.labels[\${key}]\`] }));`,
      {
        preamble: `
function forbidden(key: string, context: CheckContext<"recommendedLabels">): boolean {
  return context.inputs.recommendedLabels.some((label) => key.startsWith(label));
}`,
        inputs: ["recommendedLabels"],
      },
    );
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": concat("", ["label ", lib.text(key_3), " is reserved"]), "paths": [concat("", ["metadata.labels[", lib.text(key_3), "]"])], "fixes": []} |
      	some key, value in labels
      	forbidden(key) == true
      	value != ""
      	entry_2 := [key, value]
      	key_3 := lib.get(entry_2, [0])
      ] if {
      	labels := lib.coalesce(lib.get(lib.pod_metadata(workload), ["labels"]), {})
      }

      forbidden(key_2) := count([1 | some label in lib.control_input("recommendedLabels", []); startswith(key_2, label)]) > 0"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"(optional.ofNonZeroValue(variables.podMetadata).?labels.orValue(null) != null ? optional.ofNonZeroValue(variables.podMetadata).?labels.orValue(null) : {}).transformMap(entryKey, entryValue, params.?spec.?recommendedLabels.orValue([]).exists(label, entryKey.startsWith(label)) == true && entryValue != "", entryValue).transformList(entry_2Key, entry_2Value, {"message": dyn("label " + entry_2Key + " is reserved"), "paths": dyn(["metadata.labels[" + entry_2Key + "]"]), "fixes": dyn([])})"`,
    );
  });

  it("parameters of each type: read from the control inputs, falling back to their defaults", () => {
    const { rego, cel } = compiled(
      `
const label = context.params.ownerLabel;
const tooMany = (workload.spec?.replicas ?? 1) > context.params.maxReplicas;
const owned = workload.metadata?.labels?.[label] !== undefined;
const images = containers(workload).filter((ref) => !context.params.allowedRegistries.some((prefix) => (ref.container.image ?? "").startsWith(prefix)) || (context.params.requireDigest && !(ref.container.image ?? "").includes("@")));
return tooMany || !owned || images.length > 0 ? [violation(\`more than \${context.params.maxReplicas} replicas or no \${label} label\`)] : [];`,
      {
        kinds: '["Deployment"]',
        parameters: `{
    ownerLabel: param.string("owner"),
    maxReplicas: param.integer(10, { description: "At most this many." }),
    allowedRegistries: param.strings(["registry.example.com/", "quay.io/\\"x\\"/"]),
    requireDigest: param.boolean(false),
  }`,
      },
    );
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": concat("", ["more than ", format_int(lib.control_input("maxReplicas", 10), 10), " replicas or no ", lib.text(label), " label"]), "paths": [], "fixes": []}] if {
      	label := lib.control_input("ownerLabel", "owner")
      	tooMany := lib.coalesce(object.get(workload, ["spec", "replicas"], null), 1) > lib.control_input("maxReplicas", 10)
      	owned := object.get(workload, ["metadata", "labels", label], null) != null
      	images := [ref | some ref in lib.containers(workload, false, false); count(array.flatten([[1 | count([1 | some prefix in lib.control_input("allowedRegistries", ["registry.example.com/", "quay.io/\\"x\\"/"]); startswith(lib.coalesce(lib.get(ref, ["container", "image"]), ""), prefix)]) == 0], [1 | lib.control_input("requireDigest", false) == true; count([1 | contains(lib.coalesce(lib.get(ref, ["container", "image"]), ""), "@")]) == 0]])) > 0]
      	count(array.flatten([[1 | tooMany == true], [1 | owned != true], [1 | count(images) > 0]])) > 0
      }

      violations(workload) := [] if {
      	label := lib.control_input("ownerLabel", "owner")
      	tooMany := lib.coalesce(object.get(workload, ["spec", "replicas"], null), 1) > lib.control_input("maxReplicas", 10)
      	owned := object.get(workload, ["metadata", "labels", label], null) != null
      	images := [ref | some ref in lib.containers(workload, false, false); count(array.flatten([[1 | count([1 | some prefix in lib.control_input("allowedRegistries", ["registry.example.com/", "quay.io/\\"x\\"/"]); startswith(lib.coalesce(lib.get(ref, ["container", "image"]), ""), prefix)]) == 0], [1 | lib.control_input("requireDigest", false) == true; count([1 | contains(lib.coalesce(lib.get(ref, ["container", "image"]), ""), "@")]) == 0]])) > 0]
      	count(array.flatten([[1 | tooMany == true], [1 | owned != true], [1 | count(images) > 0]])) == 0
      }"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"((object.?spec.?replicas.orValue(null) != null ? object.?spec.?replicas.orValue(null) : 1) > params.?spec.?maxReplicas.orValue(10)) == true || !((object.?metadata.?labels[?params.?spec.?ownerLabel.orValue("owner")].orValue(dyn(null)) != null) == true) || size(variables.containerRefs.filter(ref, !params.?spec.?allowedRegistries.orValue(["registry.example.com/", "quay.io/\\"x\\"/"]).exists(prefix, (ref.?container.?image.orValue(null) != null ? ref.?container.?image.orValue(null) : "").startsWith(prefix)) || params.?spec.?requireDigest.orValue(false) == true && !(ref.?container.?image.orValue(null) != null ? ref.?container.?image.orValue(null) : "").contains("@"))) > 0 ? [{"message": dyn("more than " + string(params.?spec.?maxReplicas.orValue(10)) + " replicas or no " + params.?spec.?ownerLabel.orValue("owner") + " label"), "paths": dyn([]), "fixes": dyn([])}] : []"`,
    );
  });

  it("a cross-resource lookup is Rego only", () => {
    const { rego, cel } = compiled(`
const guarded = context.objectsIn("NetworkPolicy", namespaceOf(workload)).some((policy) => selectorMatches(policy.spec?.podSelector, podMetadata(workload)?.labels));
const account = context.object("ServiceAccount", namespaceOf(workload), podSpec(workload)?.serviceAccountName ?? "default");
const clusterwide = context.objects("CiliumClusterwideNetworkPolicy").length > 0;
return guarded || clusterwide || account?.automountServiceAccountToken === false ? [] : [violation("no network policy selects these pods", { fixes: [fix("metadata", "add a NetworkPolicy")] })];`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [] if {
      	guarded := count([1 | some policy in lib.objects_in("NetworkPolicy", lib.namespace_of(workload)); lib.selector_matches(lib.get(policy, ["spec", "podSelector"]), lib.get(lib.pod_metadata(workload), ["labels"]))]) > 0
      	account := lib.object_named("ServiceAccount", lib.namespace_of(workload), lib.coalesce(lib.get(lib.pod_spec(workload), ["serviceAccountName"]), "default"))
      	clusterwide := count(lib.objects("CiliumClusterwideNetworkPolicy")) > 0
      	count(array.flatten([[1 | guarded == true], [1 | clusterwide == true], [1 | lib.get(account, ["automountServiceAccountToken"]) == false]])) > 0
      }

      violations(workload) := [{"message": "no network policy selects these pods", "paths": [], "fixes": [{"path": "metadata", "value": "add a NetworkPolicy"}]}] if {
      	guarded := count([1 | some policy in lib.objects_in("NetworkPolicy", lib.namespace_of(workload)); lib.selector_matches(lib.get(policy, ["spec", "podSelector"]), lib.get(lib.pod_metadata(workload), ["labels"]))]) > 0
      	account := lib.object_named("ServiceAccount", lib.namespace_of(workload), lib.coalesce(lib.get(lib.pod_spec(workload), ["serviceAccountName"]), "default"))
      	clusterwide := count(lib.objects("CiliumClusterwideNetworkPolicy")) > 0
      	count(array.flatten([[1 | guarded == true], [1 | clusterwide == true], [1 | lib.get(account, ["automountServiceAccountToken"]) == false]])) == 0
      }"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"NOT_SUPPORTED: reads other objects of the scan (NetworkPolicy); admission sees one object at a time"`,
    );
  });

  it("a helper that only takes the check context is a Rego rule (Rego has no functions of no arguments)", () => {
    const { rego, cel } = compiled(
      `
return anyPolicy(context) ? [] : [violation("no network policy in the scan")];`,
      {
        preamble: `
function anyPolicy(context: CheckContext): boolean {
  return context.objects("NetworkPolicy").length > 0;
}`,
      },
    );
    expect(rego).toMatchInlineSnapshot(`
      "violations(_) := [] if {
      	anyPolicy == true
      }

      violations(_) := [{"message": "no network policy in the scan", "paths": [], "fixes": []}] if {
      	anyPolicy != true
      }

      anyPolicy := count(lib.objects("NetworkPolicy")) > 0"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"NOT_SUPPORTED: reads other objects of the scan (NetworkPolicy); admission sees one object at a time"`,
    );
  });

  it("parseImage: a missing image is missing, parts are read like fields", () => {
    const { rego, cel } = compiled(`
return containers(workload)
  .filter((ref) => {
    const image = parseImage(ref.container.image);
    return image === undefined || image.registry !== "ghcr.io" || image.tag === "latest";
  })
  .map((ref) => violation(\`\${ref.container.name} pulls \${parseImage(ref.container.image)?.repository ?? "nothing"}\`));`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": concat("", [lib.text(lib.get(ref_2, ["container", "name"])), " pulls ", lib.text(lib.coalesce(lib.get(lib.parse_image(lib.get(ref_2, ["container", "image"])), ["repository"]), "nothing"))]), "paths": [], "fixes": []} |
      	some ref in lib.containers(workload, false, false)
      	image := lib.parse_image(lib.get(ref, ["container", "image"]))
      	count(array.flatten([[1 | image == null], [1 | lib.get(image, ["registry"]) != "ghcr.io"], [1 | lib.get(image, ["tag"]) == "latest"]])) > 0
      	ref_2 := ref
      ]"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"variables.containerRefs.filter(ref, [ref.?container.?image.orValue(null) != null ? dyn([ref.?container.?image.orValue(null)].map(image, {"registry": dyn([image.split("@")[0]].map(name, [name.lastIndexOf(":") > name.lastIndexOf("/") ? name.substring(0, name.lastIndexOf(":")) : name].map(path, [path.split("/")[0]].map(first, [path.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost")].map(hasRegistry, [[hasRegistry && first != "index.docker.io" ? first : "docker.io", hasRegistry ? path.substring(path.indexOf("/") + 1) : path]].map(parts, parts[0])[0])[0])[0])[0])[0]), "repository": dyn([image.split("@")[0]].map(name, [name.lastIndexOf(":") > name.lastIndexOf("/") ? name.substring(0, name.lastIndexOf(":")) : name].map(path, [path.split("/")[0]].map(first, [path.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost")].map(hasRegistry, [[hasRegistry && first != "index.docker.io" ? first : "docker.io", hasRegistry ? path.substring(path.indexOf("/") + 1) : path]].map(parts, parts[0] == "docker.io" && !parts[1].contains("/") ? "library/" + parts[1] : parts[1])[0])[0])[0])[0])[0]), "tag": [image.split("@")[0]].map(name, name.lastIndexOf(":") > name.lastIndexOf("/") ? dyn(name.substring(name.lastIndexOf(":") + 1)) : null)[0], "digest": image.contains("@") ? dyn(image.substring(image.indexOf("@") + 1)) : null})[0]) : null].map(image, !(image != null) || optional.ofNonZeroValue(image).?registry.orValue(null) != "ghcr.io" || optional.ofNonZeroValue(image).?tag.orValue(null) == "latest")[0]).map(ref_2, {"message": dyn(ref_2.?container.?name.orValue(null) + " pulls " + [ref_2.?container.?image.orValue(null) != null ? dyn([ref_2.?container.?image.orValue(null)].map(image, [image.split("@")[0]].map(name, [name.lastIndexOf(":") > name.lastIndexOf("/") ? name.substring(0, name.lastIndexOf(":")) : name].map(path, [path.split("/")[0]].map(first, [path.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost")].map(hasRegistry, [[hasRegistry && first != "index.docker.io" ? first : "docker.io", hasRegistry ? path.substring(path.indexOf("/") + 1) : path]].map(parts, parts[0] == "docker.io" && !parts[1].contains("/") ? "library/" + parts[1] : parts[1])[0])[0])[0])[0])[0])[0]) : null].map(value, value != null ? value : "nothing")[0]), "paths": dyn([]), "fixes": dyn([])})"`,
    );
  });

  it("compareQuantities and isQuantity: literals are checked and read at compile time", () => {
    const { rego, cel } = compiled(`
return containers(workload).flatMap((ref) => {
  const order = compareQuantities(ref.container.resources?.limits?.memory, "2Gi");
  const cpu = ref.container.resources?.limits?.cpu;
  return (order === undefined || order > 0) && isQuantity(cpu) && compareQuantities(0.5, "500m") === 0
    ? [violation(\`\${ref.container.name}: \${order ?? 2}\`)]
    : [];
});`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": concat("", [lib.text(lib.get(ref, ["container", "name"])), ": ", format_int(lib.coalesce(order, 2), 10)]), "paths": [], "fixes": []} |
      	some ref in lib.containers(workload, false, false)
      	order := lib.compare_quantities(lib.get(ref, ["container", "resources", "limits", "memory"]), "2Gi")
      	cpu := lib.get(ref, ["container", "resources", "limits", "cpu"])
      	count(array.flatten([[1 | order == null], [1 | order > 0]])) > 0
      	lib.is_quantity(cpu)
      	lib.compare_quantities("0.5", "500m") == 0
      ]"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"variables.containerRefs.map(ref, (!(([dyn(ref.?container.?resources.?limits.?memory.orValue(null))].all(q, (type(q) == string || type(q) == int || type(q) == double) && isQuantity(string(q))) ? dyn(quantity(string(ref.?container.?resources.?limits.?memory.orValue(null))).compareTo(quantity("2Gi"))) : null) != null) || ([dyn(ref.?container.?resources.?limits.?memory.orValue(null))].all(q, (type(q) == string || type(q) == int || type(q) == double) && isQuantity(string(q))) ? dyn(quantity(string(ref.?container.?resources.?limits.?memory.orValue(null))).compareTo(quantity("2Gi"))) : null) > 0) && [dyn(ref.?container.?resources.?limits.?cpu.orValue(null))].all(q, (type(q) == string || type(q) == int || type(q) == double) && isQuantity(string(q))) && dyn(quantity("0.5").compareTo(quantity("500m"))) == 0, {"message": dyn(ref.?container.?name.orValue(null) + ": " + string(([dyn(ref.?container.?resources.?limits.?memory.orValue(null))].all(q, (type(q) == string || type(q) == int || type(q) == double) && isQuantity(string(q))) ? dyn(quantity(string(ref.?container.?resources.?limits.?memory.orValue(null))).compareTo(quantity("2Gi"))) : null) != null ? ([dyn(ref.?container.?resources.?limits.?memory.orValue(null))].all(q, (type(q) == string || type(q) == int || type(q) == double) && isQuantity(string(q))) ? dyn(quantity(string(ref.?container.?resources.?limits.?memory.orValue(null))).compareTo(quantity("2Gi"))) : null) : 2)), "paths": dyn([]), "fixes": dyn([])})"`,
    );
  });

  it("the quantity library needs Kubernetes 1.29", () => {
    const { cel } = compiled(
      `return isQuantity(workload.metadata?.annotations?.["limit"]) ? [] : [violation("no limit")];`,
      {
        kubernetesVersion: "1.28",
      },
    );
    expect(cel).toBe(
      "NOT_SUPPORTED: needs the Kubernetes quantity library (quantity, isQuantity), available from Kubernetes 1.29 (target is 1.28)",
    );
  });

  it("containerPorts: ports with the API server's defaults, from one policy variable per container list", () => {
    const { rego, cel } = compiled(`
return containerPorts(workload, { init: true })
  .filter((ref) => ref.port.hostPort !== undefined && ref.port.protocol === "TCP")
  .map((ref) => violation(\`\${ref.container.name} binds host port \${ref.port.hostPort ?? 0}\`, { paths: [\`\${ref.path}.hostPort\`] }));`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": concat("", [lib.text(lib.get(ref_2, ["container", "name"])), " binds host port ", format_int(lib.coalesce(lib.get(ref_2, ["port", "hostPort"]), 0), 10)]), "paths": [concat("", [lib.text(lib.get(ref_2, ["path"])), ".hostPort"])], "fixes": []} |
      	some ref in lib.container_ports(workload, true, false)
      	lib.get(ref, ["port", "hostPort"]) != null
      	lib.get(ref, ["port", "protocol"]) == "TCP"
      	ref_2 := ref
      ]"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"(variables.containerPortRefs + variables.initContainerPortRefs).filter(ref, ref.?port.?hostPort.orValue(null) != null && ref.?port.?protocol.orValue(null) == "TCP").map(ref_2, {"message": dyn(ref_2.?container.?name.orValue(null) + " binds host port " + string(ref_2.?port.?hostPort.orValue(null) != null ? ref_2.?port.?hostPort.orValue(null) : 0)), "paths": dyn([ref_2.?path.orValue(null) + ".hostPort"]), "fixes": dyn([])})"`,
    );
  });

  it("containerPorts needs the lists extension (Kubernetes 1.35)", () => {
    const { cel } = compiled(`return containerPorts(workload).length > 0 ? [violation("declares ports")] : [];`, {
      kubernetesVersion: "1.34",
    });
    expect(cel).toBe(
      "NOT_SUPPORTED: needs the lists extension (flatten, sort), available from Kubernetes 1.35 (target is 1.34)",
    );
  });

  it("rulesAllowing on the object under review: a library call in Rego; the request bound before the rules in CEL", () => {
    const { rego, cel } = compiled(
      `
return rulesAllowing(workload, { verbs: context.params.verbs, apiGroups: [""], resources: ["secrets", "pods/exec"] })
  .map((ref) => violation(\`\${workload.kind} allows it through \${ref.path}\`, { paths: [\`\${ref.path}.verbs\`] }));`,
      { kinds: '["Role", "ClusterRole"]', parameters: '{ verbs: param.strings(["get", "create"]) }' },
    );
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": concat("", [lib.text(object.get(workload, ["kind"], null)), " allows it through ", lib.text(lib.get(ref, ["path"]))]), "paths": [concat("", [lib.text(lib.get(ref, ["path"])), ".verbs"])], "fixes": []} |
      	some ref in lib.rules_allowing(workload, {"verbs": lib.control_input("verbs", ["get", "create"]), "apiGroups": [""], "resources": ["secrets", "pods/exec"], "resourceNames": [""], "nonResourceURLs": null})
      ]"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"[[dyn(object), dyn(params.?spec.?verbs.orValue(["get", "create"])), dyn([""]), dyn(["secrets", "pods/exec"]), dyn([""])]].map(a, (optional.ofNonZeroValue(a[0]).?rules.orValue(null) != null ? a[0].rules : []).transformList(i, r, r != null && a[1].exists(v, (optional.ofNonZeroValue(r).?verbs.orValue(null) != null ? r.verbs : []).exists(x, x == "*" || x == v)) && a[2].exists(v, (optional.ofNonZeroValue(r).?apiGroups.orValue(null) != null ? r.apiGroups : []).exists(x, x == "*" || x == v)) && a[3].exists(v, (optional.ofNonZeroValue(r).?resources.orValue(null) != null ? r.resources : []).exists(x, x == "*" || x == v || v.contains("/") && v.substring(v.indexOf("/") + 1) != "" && x == "*/" + v.substring(v.indexOf("/") + 1))) && a[4].exists(v, size((optional.ofNonZeroValue(r).?resourceNames.orValue(null) != null ? r.resourceNames : [])) == 0 || v in (optional.ofNonZeroValue(r).?resourceNames.orValue(null) != null ? r.resourceNames : [])), {"rule": dyn(r), "path": dyn("rules[" + string(i) + "]")}))[0].map(ref, {"message": dyn(object.?kind.orValue(null) + " allows it through " + ref.?path.orValue(null)), "paths": dyn([ref.?path.orValue(null) + ".verbs"]), "fixes": dyn([])})"`,
    );
  });

  it("selectorMatches and mapSelectorMatches: library calls in Rego; selector and labels bound before the comprehensions in CEL", () => {
    const { rego, cel } = compiled(
      `
const labels = podMetadata(workload)?.labels;
return selectorMatches(workload.spec?.selector, labels) && !mapSelectorMatches(workload.metadata?.labels, labels)
  ? [violation("the selector selects the pods, the Deployment's labels do not", { paths: ["metadata.labels"] })]
  : [];`,
      { kinds: '["Deployment"]' },
    );
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": "the selector selects the pods, the Deployment's labels do not", "paths": ["metadata.labels"], "fixes": []}] if {
      	labels := lib.get(lib.pod_metadata(workload), ["labels"])
      	lib.selector_matches(object.get(workload, ["spec", "selector"], null), labels)
      	count([1 | lib.map_selector_matches(object.get(workload, ["metadata", "labels"], null), labels)]) == 0
      }

      violations(workload) := [] if {
      	labels := lib.get(lib.pod_metadata(workload), ["labels"])
      	count([1 | lib.selector_matches(object.get(workload, ["spec", "selector"], null), labels); count([1 | lib.map_selector_matches(object.get(workload, ["metadata", "labels"], null), labels)]) == 0]) == 0
      }"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"[[dyn(object.?spec.?selector.orValue(null)), dyn(optional.ofNonZeroValue(variables.podMetadata).?labels.orValue(null))]].map(s, [s[1] != null ? s[1] : {}].map(l, s[0] != null && (optional.ofNonZeroValue(s[0]).?matchLabels.orValue(null) != null ? s[0].matchLabels : {}).all(k, k in l && l[k] == s[0].matchLabels[k]) && (optional.ofNonZeroValue(s[0]).?matchExpressions.orValue(null) != null ? s[0].matchExpressions : []).all(r, [[dyn(r.?key.orValue("")), dyn(r.?operator.orValue("")), dyn((optional.ofNonZeroValue(r).?values.orValue(null) != null ? r.values : []))]].map(q, q[0] != "" && (q[1] == "In" ? size(q[2]) > 0 && q[0] in l && l[q[0]] in q[2] : q[1] == "NotIn" ? size(q[2]) > 0 && !(q[0] in l && l[q[0]] in q[2]) : q[1] == "Exists" ? size(q[2]) == 0 && q[0] in l : q[1] == "DoesNotExist" && size(q[2]) == 0 && !(q[0] in l)))[0]))[0])[0] && ![[dyn(object.?metadata.?labels.orValue(null)), dyn(optional.ofNonZeroValue(variables.podMetadata).?labels.orValue(null))]].map(s, [s[1] != null ? s[1] : {}].map(l, s[0] != null && size(s[0]) > 0 && s[0].all(k, k in l && l[k] == s[0][k]))[0])[0] ? [{"message": dyn("the selector selects the pods, the Deployment's labels do not"), "paths": dyn(["metadata.labels"]), "fixes": dyn([])}] : []"`,
    );
  });

  it("ruleAllows with a request for URLs, per rule with its index; resourceNames restrict", () => {
    const { rego, cel } = compiled(
      `
return (workload.rules ?? []).flatMap((rule, index) =>
  ruleAllows(rule, { verbs: ["get"], nonResourceURLs: ["/metrics"] }) && !ruleAllows(rule, READ_NAMED)
    ? [violation("reads metrics", { paths: [\`rules[\${index}]\`] })]
    : [],
);`,
      {
        kinds: '["ClusterRole"]',
        preamble:
          'const READ_NAMED = { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["settings"] } as const;',
      },
    );
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": "reads metrics", "paths": [concat("", ["rules[", format_int(index, 10), "]"])], "fixes": []} |
      	some index, rule in lib.coalesce(object.get(workload, ["rules"], null), [])
      	lib.rule_allows(rule, {"verbs": ["get"], "apiGroups": null, "resources": null, "resourceNames": null, "nonResourceURLs": ["/metrics"]})
      	count([1 | lib.rule_allows(rule, {"verbs": ["get"], "apiGroups": [""], "resources": ["configmaps"], "resourceNames": ["settings"], "nonResourceURLs": null})]) == 0
      ]"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"(object.?rules.orValue(null) != null ? object.?rules.orValue(null) : []).transformList(index, rule, [[dyn(rule), dyn(["get"]), dyn(["/metrics"])]].map(a, a[0] != null && a[1].exists(v, (optional.ofNonZeroValue(a[0]).?verbs.orValue(null) != null ? a[0].verbs : []).exists(x, x == "*" || x == v)) && a[2].exists(v, (optional.ofNonZeroValue(a[0]).?nonResourceURLs.orValue(null) != null ? a[0].nonResourceURLs : []).exists(x, x == v || x.endsWith("*") && v.startsWith(x.find("(?s)^.*[^*]")))))[0] && ![[dyn(rule), dyn(["get"]), dyn([""]), dyn(["configmaps"]), dyn(["settings"])]].map(a, a[0] != null && a[1].exists(v, (optional.ofNonZeroValue(a[0]).?verbs.orValue(null) != null ? a[0].verbs : []).exists(x, x == "*" || x == v)) && a[2].exists(v, (optional.ofNonZeroValue(a[0]).?apiGroups.orValue(null) != null ? a[0].apiGroups : []).exists(x, x == "*" || x == v)) && a[3].exists(v, (optional.ofNonZeroValue(a[0]).?resources.orValue(null) != null ? a[0].resources : []).exists(x, x == "*" || x == v || v.contains("/") && v.substring(v.indexOf("/") + 1) != "" && x == "*/" + v.substring(v.indexOf("/") + 1))) && a[4].exists(v, size((optional.ofNonZeroValue(a[0]).?resourceNames.orValue(null) != null ? a[0].resourceNames : [])) == 0 || v in (optional.ofNonZeroValue(a[0]).?resourceNames.orValue(null) != null ? a[0].resourceNames : [])))[0], {"message": dyn("reads metrics"), "paths": dyn(["rules[" + string(index) + "]"]), "fixes": dyn([])})"`,
    );
  });

  it("commandFlags: a library call in Rego; in CEL the container bound, its elements read once, each name matched", () => {
    const { rego, cel } = compiled(
      `
return containers(workload).flatMap((ref) =>
  commandFlags(ref, ["--cert-file", "--key-file"]).filter((flag) => flag.value === undefined)
    .map((flag) => violation(\`\${flag.name} is not set\`, { fixes: [fix(flag.path, \`\${flag.name}=<file>\`)] })),
);`,
      { kinds: '["Pod"]' },
    );
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [element1 |
      	some ref in lib.containers(workload, false, false)
      	some element1 in [{"message": concat("", [lib.text(lib.get(flag_2, ["name"])), " is not set"]), "paths": [], "fixes": [{"path": lib.get(flag_2, ["path"]), "value": concat("", [lib.text(lib.get(flag_2, ["name"])), "=<file>"])}]} | some flag in lib.command_flags(ref, ["--cert-file", "--key-file"]); lib.get(flag, ["value"]) == null; flag_2 := flag]
      ]"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"variables.containerRefs.map(ref, [ref].map(r, [r.container.?command.orValue([]) + r.container.?args.orValue([])].map(raw, [raw.transformList(i, t, t.startsWith("-"), {"text": dyn(t), "value": dyn(t.contains("=") ? t.substring(t.indexOf("=") + 1) : i + 1 < size(raw) && !raw[i + 1].startsWith("-") ? raw[i + 1] : "true"), "path": dyn(t.contains("=") ? (i < size(r.container.?command.orValue([])) ? r.path + ".command[" + string(i) + "]" : r.path + ".args[" + string(i - size(r.container.?command.orValue([]))) + "]") : i + 1 < size(raw) && !raw[i + 1].startsWith("-") ? ((i + 1) < size(r.container.?command.orValue([])) ? r.path + ".command[" + string((i + 1)) + "]" : r.path + ".args[" + string((i + 1) - size(r.container.?command.orValue([]))) + "]") : (i < size(r.container.?command.orValue([])) ? r.path + ".command[" + string(i) + "]" : r.path + ".args[" + string(i - size(r.container.?command.orValue([]))) + "]")), "separate": dyn(!t.contains("=") && i + 1 < size(raw) && !raw[i + 1].startsWith("-"))})].map(ts, [[ts.filter(t, t.text.matches("^--?cert[-_]file(=|$)"))].map(o, size(o) == 0 ? {"name": dyn("--cert-file"), "value": dyn(null), "items": dyn([]), "path": dyn((size(r.container.?args.orValue([])) > 0 ? r.path + ".args[" + string(size(r.container.?args.orValue([])) + 0) + "]" : r.path + ".command[" + string(size(r.container.?command.orValue([])) + 0) + "]")), "separate": dyn(false)} : {"name": dyn("--cert-file"), "value": dyn(o[size(o) - 1].value), "items": dyn(o.map(t, t.value).join(",").split(",").filter(x, x != "")), "path": dyn(o[size(o) - 1].path), "separate": dyn(o[size(o) - 1].separate)})[0], [ts.filter(t, t.text.matches("^--?key[-_]file(=|$)"))].map(o, size(o) == 0 ? {"name": dyn("--key-file"), "value": dyn(null), "items": dyn([]), "path": dyn((size(r.container.?args.orValue([])) > 0 ? r.path + ".args[" + string(size(r.container.?args.orValue([])) + (size(ts.filter(t, t.text.matches("^--?cert[-_]file(=|$)"))) == 0 ? 1 : 0)) + "]" : r.path + ".command[" + string(size(r.container.?command.orValue([])) + (size(ts.filter(t, t.text.matches("^--?cert[-_]file(=|$)"))) == 0 ? 1 : 0)) + "]")), "separate": dyn(false)} : {"name": dyn("--key-file"), "value": dyn(o[size(o) - 1].value), "items": dyn(o.map(t, t.value).join(",").split(",").filter(x, x != "")), "path": dyn(o[size(o) - 1].path), "separate": dyn(o[size(o) - 1].separate)})[0]])[0])[0])[0].filter(flag, !(flag.?value.orValue(null) != null)).map(flag_2, {"message": dyn(flag_2.?name.orValue(null) + " is not set"), "paths": dyn([]), "fixes": dyn([{"path": dyn(flag_2.?path.orValue(null)), "value": dyn(flag_2.?name.orValue(null) + "=<file>")}])})).flatten()"`,
    );
  });

  it("commandFlag is the first flag of a one-name commandFlags; it needs two-variable comprehensions (1.33)", () => {
    const { rego, cel } = compiled(
      `return containers(workload).some((ref) => commandFlag(ref, "--profiling").value !== "false") ? [violation("profiles")] : [];`,
      { kinds: '["Pod"]' },
    );
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": "profiles", "paths": [], "fixes": []}] if {
      	count([1 | some ref in lib.containers(workload, false, false); lib.get(lib.command_flags(ref, ["--profiling"]), [0, "value"]) != "false"]) > 0
      }

      violations(workload) := [] if {
      	count([1 | some ref in lib.containers(workload, false, false); lib.get(lib.command_flags(ref, ["--profiling"]), [0, "value"]) != "false"]) == 0
      }"
    `);
    expect(cel).toContain(`.map(o, size(o) == 0 ?`);
    expect(
      compiled(
        `return containers(workload).some((ref) => commandFlag(ref, "--profiling").value !== "false") ? [violation("profiles")] : [];`,
        { kinds: '["Pod"]', kubernetesVersion: "1.32" },
      ).cel,
    ).toBe(
      "NOT_SUPPORTED: needs two-variable comprehensions (transformList, exists(i, v, …)), available from Kubernetes 1.33 (target is 1.32)",
    );
  });

  it("a flatMap yielding one item whose const is costly and read twice carries the const along, computed once", () => {
    const { cel } = compiled(
      `
return containers(workload).flatMap((ref) => {
  const flag = commandFlag(ref, "--profiling");
  if (flag.value === "false") return [];
  return [violation(\`profiling is \${flag.value ?? "on"}\`, { paths: [flag.path] })];
});`,
      { kinds: '["Pod"]' },
    );
    // The flag is read once per container ([ref, flag]), then tested and reported from there.
    expect(cel.match(/transformList\(i, t,/g)).toHaveLength(1);
    expect(cel).toMatch(/^variables\.containerRefs\.map\(ref, \[dyn\(ref\), dyn\(/);
    expect(cel).toContain(".filter(carried, ");
    expect(cel).toContain(".map(carried, {");
  });

  it("join: lists of strings only, with the separator given or a comma", () => {
    const { rego, cel } = compiled(`
return containers(workload)
  .filter((ref) => (ref.container.args ?? []).join(" ").includes("--privileged") || (ref.container.command ?? []).join() === "sh,-c")
  .map((ref) => violation(\`\${ref.container.name} runs \${(ref.container.command ?? []).join(" ")}\`));`);
    expect(rego).toMatchInlineSnapshot(`
      "violations(workload) := [{"message": concat("", [lib.text(lib.get(ref_2, ["container", "name"])), " runs ", lib.text(concat(" ", lib.coalesce(lib.get(ref_2, ["container", "command"]), [])))]), "paths": [], "fixes": []} |
      	some ref in lib.containers(workload, false, false)
      	count(array.flatten([[1 | contains(concat(" ", lib.coalesce(lib.get(ref, ["container", "args"]), [])), "--privileged")], [1 | concat(",", lib.coalesce(lib.get(ref, ["container", "command"]), [])) == "sh,-c"]])) > 0
      	ref_2 := ref
      ]"
    `);
    expect(cel).toMatchInlineSnapshot(
      `"variables.containerRefs.filter(ref, (ref.?container.?args.orValue(null) != null ? ref.?container.?args.orValue(null) : []).join(" ").contains("--privileged") || (ref.?container.?command.orValue(null) != null ? ref.?container.?command.orValue(null) : []).join(",") == "sh,-c").map(ref_2, {"message": dyn(ref_2.?container.?name.orValue(null) + " runs " + (ref_2.?container.?command.orValue(null) != null ? ref_2.?container.?command.orValue(null) : []).join(" ")), "paths": dyn([]), "fixes": dyn([])})"`,
    );
  });

  it("ruleAllows needs no CEL extension for URLs; rulesAllowing needs two-variable comprehensions (1.33)", () => {
    const urls = compiled(
      `return (workload.rules ?? []).some((rule) => ruleAllows(rule, { verbs: ["get"], nonResourceURLs: ["/metrics"] })) ? [violation("reads metrics")] : [];`,
      { kinds: '["ClusterRole"]', kubernetesVersion: "1.30" },
    );
    expect(urls.cel).not.toContain(NOT_SUPPORTED);
    const { cel } = compiled(
      `return rulesAllowing(workload, { verbs: ["get"], apiGroups: [""], resources: ["secrets"] }).length > 0 ? [violation("reads secrets")] : [];`,
      { kinds: '["Role"]', kubernetesVersion: "1.32" },
    );
    expect(cel).toBe(
      "NOT_SUPPORTED: needs two-variable comprehensions (transformList, exists(i, v, …)), available from Kubernetes 1.33 (target is 1.32)",
    );
  });
});
