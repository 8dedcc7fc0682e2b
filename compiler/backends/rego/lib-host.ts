// Node facts in Rego, step for step as dsl/host.ts: a command line recorded as one string read
// with flags_of (lib-flags.ts), and file modes.

export const HOST_REGO = `# line_flags(line, path, names) is, for each flag of names, {name, value, items, path, separate}
# as the command line recorded as one string sets it, every path being path (dsl lineFlags).
line_flags(line, path, names) := flags_of(
	[token | some text in split(coalesce(line, ""), " "); text != ""; token := {"text": text, "path": path}],
	names,
	[path | some _ in names],
)

# mode_within(mode, maximum) is true when the permission bits mode grant nothing maximum does not
# (dsl modeWithin).
mode_within(mode, maximum) if {
	bits.and(mode, bits.negate(maximum)) == 0
} else := false

# octal_mode(mode) is the permission bits written in octal, as chmod takes them (dsl octalMode).
octal_mode(mode) := format_int(mode, 8)
`;
