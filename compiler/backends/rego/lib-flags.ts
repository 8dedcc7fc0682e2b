// Command-line flags in Rego, step for step as dsl/flags.ts: the tokens of a container's command
// and args with their paths (command_tokens), then the flags asked for as a list of tokens sets
// them (flags_of, which a command line from elsewhere can reuse with tokens of its own).

export const FLAGS_REGO = `# command_flags(ref, names) is, for each flag of names (each written --name), {name, value,
# items, path, separate} as the container of ref (a containers() entry) sets it in its command and
# args (dsl commandFlags).
command_flags(ref, names) := flags_of(command_tokens(ref), names, [missing_flag_path(ref, k) | some k, _ in names])

# command_tokens(ref) lists {text, path} for each element of the container's command, then args.
command_tokens(ref) := array.concat(
	[token |
		some index, text in coalesce(get(ref, ["container", "command"]), [])
		token := {"text": text, "path": concat("", [ref.path, ".command[", format_int(index, 10), "]"])}
	],
	[token |
		some index, text in coalesce(get(ref, ["container", "args"]), [])
		token := {"text": text, "path": concat("", [ref.path, ".args[", format_int(index, 10), "]"])}
	],
)

# missing_flag_path(ref, k) is where the k-th missing flag goes: after the last element of args
# when the container has args, else of command.
missing_flag_path(ref, k) := concat("", [ref.path, ".args[", format_int(count(args) + k, 10), "]"]) if {
	args := coalesce(get(ref, ["container", "args"]), [])
	count(args) > 0
} else := concat("", [ref.path, ".command[", format_int(count(coalesce(get(ref, ["container", "command"]), [])) + k, 10), "]"])

# flags_of(tokens, names, missing_paths) reads each flag of names from tokens; the k-th flag not
# given gets missing_paths[k] (dsl flagsOf).
flags_of(tokens, names, missing_paths) := [flag |
	some position, name in names
	missing_before := count([other |
		some other_position, other in names
		other_position < position
		count(flag_indexes(tokens, other)) == 0
	])
	flag := flag_of(tokens, name, missing_paths[missing_before])
]

# flag_indexes(tokens, name) lists the indexes of the tokens that set the flag name.
flag_indexes(tokens, name) := [index |
	some index, token in tokens
	flag_name(token.text) == name
]

# flag_name(text) is the flag a token sets, as --name (one or two leading dashes, up to the first
# =, _ read as -); "" when the token is not a flag (dsl flagName).
flag_name(text) := concat("", ["--", replace(split(substring(text, 2, -1), "=")[0], "_", "-")]) if {
	startswith(text, "--")
} else := concat("", ["--", replace(split(substring(text, 1, -1), "=")[0], "_", "-")]) if {
	startswith(text, "-")
} else := ""

# flag_of(tokens, name, missing_path) is the flag name as tokens set it: the last occurrence's
# value, path and form, and the comma-separated items of every occurrence.
flag_of(tokens, name, missing_path) := {"name": name, "value": null, "items": [], "path": missing_path, "separate": false} if {
	count(flag_indexes(tokens, name)) == 0
} else := {"name": name, "value": last.value, "items": items, "path": last.path, "separate": last.separate} if {
	occurrences := [flag_occurrence(tokens, index) | some index in flag_indexes(tokens, name)]
	last := occurrences[count(occurrences) - 1]
	items := [item |
		some occurrence in occurrences
		some item in split(occurrence.value, ",")
		item != ""
	]
}

# flag_occurrence(tokens, index) is what the flag token at index sets: --name=value, or --name and
# the next token when it does not begin with -, or --name alone ("true").
flag_occurrence(tokens, index) := {"value": substring(text, indexof(text, "=") + 1, -1), "path": tokens[index].path, "separate": false} if {
	text := tokens[index].text
	contains(text, "=")
} else := {"value": next.text, "path": next.path, "separate": true} if {
	next := tokens[index + 1]
	not startswith(next.text, "-")
} else := {"value": "true", "path": tokens[index].path, "separate": false}
`;
