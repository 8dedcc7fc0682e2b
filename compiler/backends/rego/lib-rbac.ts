// RBAC rule matching in Rego, step for step as dsl/rbac.ts (the API server's RBAC authorizer).
// A request is the record the compiler builds: verbs, apiGroups, resources and resourceNames
// ([""] when it names no object) for resources, or verbs and nonResourceURLs (the other keys
// null) for URLs.

export const RBAC_REGO = `# rule_allows(rule, request) is true when the RBAC rule allows at least one of the requests,
# as the API server's RBAC authorizer decides, false otherwise (dsl ruleAllows).
rule_allows(rule, request) := count([1 | rbac_allows(rule, request)]) > 0

# rules_allowing(role, request) lists {rule, path} for the rules of a Role or ClusterRole that
# allow the request (dsl rulesAllowing).
rules_allowing(role, request) := [{"rule": rule, "path": concat("", ["rules[", format_int(index, 10), "]"])} |
	some index, rule in coalesce(get(role, ["rules"]), [])
	rbac_allows(rule, request)
]

rbac_allows(rule, request) if {
	rule != null
	request.nonResourceURLs == null
	rbac_listed(rbac_values(rule, "verbs"), request.verbs)
	rbac_listed(rbac_values(rule, "apiGroups"), request.apiGroups)
	some resource in request.resources
	rbac_resource_listed(rbac_values(rule, "resources"), resource)
	some name in request.resourceNames
	rbac_name_listed(rbac_values(rule, "resourceNames"), name)
}

rbac_allows(rule, request) if {
	rule != null
	request.nonResourceURLs != null
	rbac_listed(rbac_values(rule, "verbs"), request.verbs)
	some url in request.nonResourceURLs
	some pattern in rbac_values(rule, "nonResourceURLs")
	rbac_url_matches(pattern, url)
}

# rbac_values(rule, field) is a list of the rule, [] when missing.
rbac_values(rule, field) := coalesce(get(rule, [field]), [])

# A verb or API group: one of the requested values is listed, or "*" is.
rbac_listed(allowed, requested) if {
	some value in requested
	some candidate in allowed
	candidate in {"*", value}
}

# A resource: "*", the same text, or "*/" and the subresource (what follows the first "/", when
# not empty) of the requested resource.
rbac_resource_listed(allowed, resource) if {
	some candidate in allowed
	candidate in {"*", resource}
}

rbac_resource_listed(allowed, resource) if {
	parts := split(resource, "/")
	count(parts) > 1
	subresource := concat("/", array.slice(parts, 1, count(parts)))
	subresource != ""
	concat("", ["*/", subresource]) in allowed
}

# A name: any when the rule names none, else one of those it names.
rbac_name_listed(allowed, _) if count(allowed) == 0

rbac_name_listed(allowed, name) if name in allowed

# A URL: the same URL, or a prefix of it followed by one or more "*" ("*" covers every URL).
rbac_url_matches(pattern, url) if pattern == url

rbac_url_matches(pattern, url) if {
	endswith(pattern, "*")
	startswith(url, trim_right(pattern, "*"))
}
`;
