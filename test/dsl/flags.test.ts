// Command-line flags in TypeScript (dsl/flags.ts), the specification of commandFlags' Rego and
// CEL; test/differential/helpers.test.ts compares every engine on the same pods (H-0010, H-0011).
import { describe, expect, it } from "vitest";
import { type ContainerRef, commandFlag, commandFlags, flagName, flagsOf } from "../../dsl/index.js";

const ref = (command?: string[], args?: string[]): ContainerRef => ({
  container: {
    name: "kube-apiserver",
    ...(command === undefined ? {} : { command }),
    ...(args === undefined ? {} : { args }),
  },
  path: "spec.containers[0]",
  type: "container",
});

describe("flagName", () => {
  it("is the name after one or two dashes, up to the first =, with _ read as -", () => {
    expect(flagName("--anonymous-auth=false")).toBe("--anonymous-auth");
    expect(flagName("-cert-file=/a=b")).toBe("--cert-file");
    expect(flagName("--anonymous_auth")).toBe("--anonymous-auth");
    expect(flagName("--profiling")).toBe("--profiling");
  });

  it("is empty for what is not a flag", () => {
    expect(flagName("kube-apiserver")).toBe("");
    expect(flagName("0.0.0.0")).toBe("");
    expect(flagName("")).toBe("");
  });

  it("keeps a third dash, which names no flag the components have", () => {
    expect(flagName("---profiling")).toBe("---profiling");
    expect(flagName("--")).toBe("--");
  });
});

describe("commandFlag", () => {
  it("reads --flag=value, with the path of its element", () => {
    const flag = commandFlag(ref(["kube-apiserver", "--profiling=false", "--bind-address=0.0.0.0"]), "--bind-address");
    expect(flag).toEqual({
      name: "--bind-address",
      value: "0.0.0.0",
      items: ["0.0.0.0"],
      path: "spec.containers[0].command[2]",
      separate: false,
    });
  });

  it("reads --flag value, with the path of the value's own element", () => {
    const flag = commandFlag(
      ref(["kube-scheduler", "--bind-address", "127.0.0.1", "--profiling=false"]),
      "--bind-address",
    );
    expect(flag).toMatchObject({ value: "127.0.0.1", path: "spec.containers[0].command[2]", separate: true });
  });

  it("reads a flag given bare as true, at the flag's element", () => {
    const flag = commandFlag(ref(["kube-apiserver", "--profiling", "--secure-port=6443"]), "--profiling");
    expect(flag).toMatchObject({ value: "true", path: "spec.containers[0].command[1]", separate: false });
    expect(commandFlag(ref(["kube-apiserver", "--profiling"]), "--profiling").value).toBe("true");
  });

  it("takes the value after the first = only", () => {
    expect(
      commandFlag(ref(["kube-controller-manager", "--feature-gates=A=true,B=false"]), "--feature-gates"),
    ).toMatchObject({ value: "A=true,B=false", items: ["A=true", "B=false"] });
  });

  it("reads an empty value as empty, with no items", () => {
    expect(
      commandFlag(ref(["kube-apiserver", "--enable-admission-plugins="]), "--enable-admission-plugins"),
    ).toMatchObject({
      value: "",
      items: [],
    });
  });

  it("lets the last occurrence win, and accumulates the items of every occurrence", () => {
    const flag = commandFlag(
      ref(
        ["kube-apiserver", "--enable-admission-plugins=NodeRestriction,,EventRateLimit"],
        ["--enable-admission-plugins", "AlwaysPullImages"],
      ),
      "--enable-admission-plugins",
    );
    expect(flag).toEqual({
      name: "--enable-admission-plugins",
      value: "AlwaysPullImages",
      items: ["NodeRestriction", "EventRateLimit", "AlwaysPullImages"],
      path: "spec.containers[0].args[1]",
      separate: true,
    });
  });

  it("does not take a next element that begins with - as a value", () => {
    const flag = commandFlag(ref(["kube-apiserver", "--audit-log-path", "--profiling=false"]), "--audit-log-path");
    expect(flag).toMatchObject({ value: "true", path: "spec.containers[0].command[1]" });
    expect(commandFlag(ref(["kube-apiserver", "--audit-log-path", "--profiling=false"]), "--profiling").value).toBe(
      "false",
    );
  });

  it("reads -flag (etcd's Go flags) and --flag_with_underscores (normalised by the Kubernetes components)", () => {
    expect(commandFlag(ref(["etcd", "-client-cert-auth=true"]), "--client-cert-auth").value).toBe("true");
    expect(commandFlag(ref(["kube-apiserver", "--anonymous_auth=false"]), "--anonymous-auth").value).toBe("false");
  });

  it("reads an element as a flag only when it begins with -, wherever it is", () => {
    const container = ref(["kube-apiserver", "--token-auth-file", "--"]);
    expect(commandFlag(container, "--token-auth-file")).toMatchObject({ value: "true" });
    expect(commandFlag(ref(["--profiling"]), "--profiling").value).toBe("true");
    expect(commandFlag(ref(["kube-apiserver", "--x", "profiling"]), "--profiling").value).toBeUndefined();
  });

  it("reads flags in args after the command (RKE2, k3s)", () => {
    const flag = commandFlag(ref(["kube-apiserver"], ["--profiling=false"]), "--profiling");
    expect(flag).toMatchObject({ value: "false", path: "spec.containers[0].args[0]" });
    expect(commandFlag(ref(undefined, ["--profiling=true"]), "--profiling").path).toBe("spec.containers[0].args[0]");
  });

  it("places a missing flag after the last element of args when there are args, else of command", () => {
    expect(commandFlag(ref(["kube-apiserver", "--a=1"]), "--profiling")).toEqual({
      name: "--profiling",
      value: undefined,
      items: [],
      path: "spec.containers[0].command[2]",
      separate: false,
    });
    expect(commandFlag(ref(["kube-apiserver"], ["--a=1", "--b=2"]), "--profiling").path).toBe(
      "spec.containers[0].args[2]",
    );
    expect(commandFlag(ref(["kube-apiserver"], []), "--profiling").path).toBe("spec.containers[0].command[1]");
    expect(commandFlag(ref(), "--profiling").path).toBe("spec.containers[0].command[0]");
  });
});

describe("commandFlags", () => {
  it("gives the flags in the order asked, each missing one a place of its own", () => {
    const flags = commandFlags(ref(["etcd", "--key-file=/k"]), ["--cert-file", "--key-file", "--trusted-ca-file"]);
    expect(flags.map((flag) => [flag.name, flag.value, flag.path])).toEqual([
      ["--cert-file", undefined, "spec.containers[0].command[2]"],
      ["--key-file", "/k", "spec.containers[0].command[1]"],
      ["--trusted-ca-file", undefined, "spec.containers[0].command[3]"],
    ]);
  });

  it("reads a list of tokens from anywhere (flagsOf)", () => {
    const tokens = ["/usr/bin/kubelet", "--anonymous-auth=false"].map((text, index) => ({
      text,
      path: `cmdLine[${index}]`,
    }));
    expect(flagsOf(tokens, ["--anonymous-auth", "--read-only-port"], (k) => `cmdLine+${k}`)).toEqual([
      { name: "--anonymous-auth", value: "false", items: ["false"], path: "cmdLine[1]", separate: false },
      { name: "--read-only-port", value: undefined, items: [], path: "cmdLine+0", separate: false },
    ]);
  });
});
