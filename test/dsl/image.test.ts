// Image references in TypeScript (dsl/image.ts), the specification of parseImage's Rego and CEL;
// test/differential/helpers.test.ts compares every engine on the same references.
import { describe, expect, it } from "vitest";
import { parseImage } from "../../dsl/index.js";

describe("parseImage", () => {
  it.each([
    ["nginx", "docker.io", "library/nginx", undefined, undefined],
    ["nginx:1.25", "docker.io", "library/nginx", "1.25", undefined],
    ["nginx@sha256:abc", "docker.io", "library/nginx", undefined, "sha256:abc"],
    ["nginx:1.25@sha256:abc", "docker.io", "library/nginx", "1.25", "sha256:abc"],
    ["org/app", "docker.io", "org/app", undefined, undefined],
    ["docker.io/nginx", "docker.io", "library/nginx", undefined, undefined],
    ["index.docker.io/org/app:1", "docker.io", "org/app", "1", undefined],
    ["ghcr.io/org/app:v1.2.3", "ghcr.io", "org/app", "v1.2.3", undefined],
    ["localhost/app", "localhost", "app", undefined, undefined],
    ["localhost:5000/app:tag", "localhost:5000", "app", "tag", undefined],
    ["registry:5000/a/b/c:d@sha256:e", "registry:5000", "a/b/c", "d", "sha256:e"],
  ] as const)("%s", (image, registry, repository, tag, digest) => {
    expect(parseImage(image)).toEqual({
      registry,
      repository,
      ...(tag === undefined ? {} : { tag }),
      ...(digest === undefined ? {} : { digest }),
    });
  });

  it("reads a port without a path as a tag, as Docker does", () => {
    expect(parseImage("localhost:5000")).toEqual({
      registry: "docker.io",
      repository: "library/localhost",
      tag: "5000",
    });
  });

  it("takes the tag after the last colon only when it follows the last slash", () => {
    expect(parseImage("a/b:c/d")).toEqual({ registry: "docker.io", repository: "a/b:c/d" });
    expect(parseImage("a/b:c/d:e")?.tag).toBe("e");
    expect(parseImage("a:1:2")).toEqual({ registry: "docker.io", repository: "library/a:1", tag: "2" });
  });

  it("splits at the first @", () => {
    expect(parseImage("a@b@c")).toEqual({ registry: "docker.io", repository: "library/a", digest: "b@c" });
    expect(parseImage("a:b@c:d")).toEqual({ registry: "docker.io", repository: "library/a", tag: "b", digest: "c:d" });
  });

  it("keeps empty parts, validates and lowercases nothing", () => {
    expect(parseImage("nginx:")).toEqual({ registry: "docker.io", repository: "library/nginx", tag: "" });
    expect(parseImage("nginx@")).toEqual({ registry: "docker.io", repository: "library/nginx", digest: "" });
    expect(parseImage("")).toEqual({ registry: "docker.io", repository: "library/" });
    expect(parseImage("Registry.IO/App:V")).toEqual({ registry: "Registry.IO", repository: "App", tag: "V" });
    expect(parseImage("LOCALHOST/app")).toEqual({ registry: "docker.io", repository: "LOCALHOST/app" });
  });

  it("splits at separators, so characters outside ASCII are kept whole", () => {
    expect(parseImage("𝒳.io/𝒴:𝒵@d")).toEqual({ registry: "𝒳.io", repository: "𝒴", tag: "𝒵", digest: "d" });
  });

  it("gives undefined for a missing image", () => {
    expect(parseImage(undefined)).toBeUndefined();
  });
});
