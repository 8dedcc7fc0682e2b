// Container image references (`nginx`, `ghcr.io/org/app:1.2`, `localhost:5000/x@sha256:…`) split
// into registry, repository, tag and digest, normalised the way Docker names images. The compiler
// emits the same steps in Rego (compiler/backends/rego/lib-image.ts) and CEL
// (compiler/backends/cel/helpers.ts); each step splits at a separator, so that character
// counting (UTF-16 here, code points in CEL and Rego) never matters.

export interface ImageReference {
  /** `docker.io` unless the first path component names a registry. */
  readonly registry: string;
  /** The path in the registry; Docker Hub's single-name images get `library/`. */
  readonly repository: string;
  /** What follows the last `:` after the last `/` (before any `@`); undefined without one. */
  readonly tag?: string;
  /** What follows the first `@`, e.g. `sha256:…`; undefined without one. */
  readonly digest?: string;
}

export const DEFAULT_REGISTRY = "docker.io";

/**
 * Splits an image reference (a container's `image`). Nothing is validated or lowercased:
 *   - digest: everything after the first `@`;
 *   - tag: in what precedes the `@`, everything after the last `:` when that `:` follows the
 *     last `/` (`localhost:5000/app` has no tag; `nginx:` has the empty tag);
 *   - registry: the first `/`-separated component when there is more than one and it contains
 *     `.` or `:` or is `localhost`; otherwise `docker.io`. `index.docker.io` (Docker Hub's old
 *     name) becomes `docker.io`;
 *   - repository: the rest; on `docker.io`, a repository without `/` gets `library/`
 *     (`nginx` → `docker.io`, `library/nginx`).
 * A missing image gives undefined.
 */
export function parseImage(image: string | undefined): ImageReference | undefined {
  if (image === undefined) return undefined;
  const at = image.indexOf("@");
  const name = at === -1 ? image : image.slice(0, at);
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  const tagged = colon > slash;
  const path = tagged ? name.slice(0, colon) : name;
  const firstSlash = path.indexOf("/");
  const first = path.slice(0, firstSlash);
  const hasRegistry = firstSlash !== -1 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry && first !== "index.docker.io" ? first : DEFAULT_REGISTRY;
  const rest = hasRegistry ? path.slice(firstSlash + 1) : path;
  const repository = registry === DEFAULT_REGISTRY && !rest.includes("/") ? `library/${rest}` : rest;
  return {
    registry,
    repository,
    ...(tagged ? { tag: name.slice(colon + 1) } : {}),
    ...(at === -1 ? {} : { digest: image.slice(at + 1) }),
  };
}
