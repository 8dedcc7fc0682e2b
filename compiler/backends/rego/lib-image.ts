// Container image references in Rego, step for step as dsl/image.ts: each step splits at a
// separator or trims a known prefix or suffix, so no character positions are involved.

import { DEFAULT_REGISTRY } from "../../../dsl/image.js";
import { regoString } from "./escape.js";

const REGISTRY = regoString(DEFAULT_REGISTRY);

export const IMAGE_REGO = `# parse_image(image) splits an image reference into registry, repository, tag and digest
# (null when absent), as Docker names images; a missing image gives null (dsl parseImage).
parse_image(null) := null

parse_image(image) := {"registry": registry, "repository": image_repository(registry, rest), "tag": tag, "digest": image_digest(at)} if {
	image != null
	at := split(image, "@")
	name := at[0]
	tag := image_tag(name)
	path := image_untagged(name, tag)
	first := split(path, "/")[0]
	registry := image_registry(path, first)
	rest := image_rest(path, first)
}

image_digest(at) := concat("@", array.slice(at, 1, count(at))) if count(at) > 1

image_digest(at) := null if count(at) == 1

# The tag follows the last ":" when that ":" comes after the last "/".
image_tag(name) := tag if {
	segments := split(name, "/")
	last := segments[count(segments) - 1]
	contains(last, ":")
	pieces := split(last, ":")
	tag := pieces[count(pieces) - 1]
} else := null

image_untagged(name, null) := name

image_untagged(name, tag) := trim_suffix(name, concat("", [":", tag])) if tag != null

image_registry(path, first) := ${REGISTRY} if {
	image_names_registry(path, first)
	first == "index.docker.io"
}

image_registry(path, first) := first if {
	image_names_registry(path, first)
	first != "index.docker.io"
}

image_registry(path, first) := ${REGISTRY} if not image_names_registry(path, first)

image_names_registry(path, first) if {
	contains(path, "/")
	image_registry_like(first)
}

image_registry_like(first) if contains(first, ".")

image_registry_like(first) if contains(first, ":")

image_registry_like(first) if first == "localhost"

image_rest(path, first) := trim_prefix(path, concat("", [first, "/"])) if image_names_registry(path, first)

image_rest(path, first) := path if not image_names_registry(path, first)

image_repository(${REGISTRY}, rest) := concat("", ["library/", rest]) if not contains(rest, "/")

image_repository(registry, rest) := rest if {
	registry != ${REGISTRY}
}

image_repository(${REGISTRY}, rest) := rest if contains(rest, "/")
`;
