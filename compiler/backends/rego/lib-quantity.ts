// Kubernetes resource quantities in Rego, step for step as dsl/quantity.ts (which follows the
// API server's resource.ParseQuantity). OPA's units.parse* builtins are not in WebAssembly and
// read quantities differently, so this is plain Rego over builtins OPA compiles to WebAssembly
// (regex, strings, exact integer arithmetic; json.marshal of an integer gives its digits).
// Every function is undefined for a value that is not a quantity, except the two the DSL calls.

export const QUANTITY_REGO = `# compare_quantities(a, b) is -1, 0 or 1 as quantity a is less than, equal to or greater than b,
# and null when either is missing or not a quantity (dsl compareQuantities).
compare_quantities(a, b) := quantity_compare(x, y) if {
	x := quantity(a)
	y := quantity(b)
} else := null

# is_quantity(value) is true when value is a quantity (dsl isQuantity, CEL isQuantity).
is_quantity(value) if {
	quantity(value)
} else := false

# quantity(value) is the exact value of a quantity, {"sign": s, "digits": d, "order": o} for
# s × 0.d × 10^o with d free of leading and trailing zeros, as resource.ParseQuantity reads it;
# a number is read as its JSON text.
quantity(value) := quantity_text(value) if is_string(value)

quantity(value) := quantity_text(json.marshal(value)) if is_number(value)

quantity_zero := {"sign": 0, "digits": "", "order": 0}

quantity_text(text) := quantity_body(text, unsigned, trim_left(unsigned, "0")) if {
	text != ""
	unsigned := quantity_unsigned(text)
}

quantity_unsigned(text) := trim_prefix(text, "-") if {
	startswith(text, "-")
} else := trim_prefix(text, "+")

quantity_negative(text) if {
	startswith(text, "-")
} else := false

# body is what follows the sign and leading zeros: digits, "." and digits, and a suffix. The
# parser's slow path reads the number with inf.Dec, which needs at least one digit (has_digit).
quantity_body(_, _, "") := quantity_zero

quantity_body(text, unsigned, body) := quantity_normal(quantity_negative(text), magnitude) if {
	body != ""
	[[_, whole, dot, fraction, suffix]] := regex.find_all_string_submatch_n(\`^([0-9]*)(\\.?)([0-9]*)([eEinumkKMGTP]*[+-]?[0-9]*)$\`, body, 1)
	unit := quantity_unit(suffix)
	num := quantity_digits_or_zero(whole)
	denom := quantity_fraction(dot, fraction)
	has_digit := (((count(unsigned) - count(body)) + count(whole)) + count(denom)) > 0
	magnitude := quantity_magnitude(num, denom, unit, has_digit)
}

quantity_digits_or_zero("") := "0"

quantity_digits_or_zero(digits) := digits if digits != ""

quantity_fraction(".", fraction) := fraction

quantity_fraction("", _) := ""

quantity_units := {
	"": {"base": 10, "exponent": 0},
	"n": {"base": 10, "exponent": -9},
	"u": {"base": 10, "exponent": -6},
	"m": {"base": 10, "exponent": -3},
	"k": {"base": 10, "exponent": 3},
	"M": {"base": 10, "exponent": 6},
	"G": {"base": 10, "exponent": 9},
	"T": {"base": 10, "exponent": 12},
	"P": {"base": 10, "exponent": 15},
	"E": {"base": 10, "exponent": 18},
	"Ki": {"base": 2, "multiplier": 1024, "fast_digits": 11},
	"Mi": {"base": 2, "multiplier": 1048576, "fast_digits": 8},
	"Gi": {"base": 2, "multiplier": 1073741824, "fast_digits": 5},
	"Ti": {"base": 2, "multiplier": 1099511627776, "fast_digits": 2},
	"Pi": {"base": 2, "multiplier": 1125899906842624, "fast_digits": -1},
	"Ei": {"base": 2, "multiplier": 1152921504606846976, "fast_digits": -4},
}

# The unit of a suffix; an exponent ("e3", "E-2") is read as an int64 and truncated to int32.
quantity_unit(suffix) := quantity_units[suffix]

quantity_unit(suffix) := {"base": 10, "exponent": quantity_int32(exponent)} if {
	object.get(quantity_units, suffix, null) == null
	regex.match(\`^[eE][+-]?[0-9]+$\`, suffix)
	exponent := quantity_int64(substring(suffix, 1, count(suffix) - 1))
}

# quantity_int64(text) is strconv.ParseInt(text, 10, 64): undefined outside int64.
quantity_int64(text) := quantity_signed(startswith(text, "-"), to_number(quantity_digits_or_zero(digits))) if {
	digits := trim_left(trim_left(text, "+-"), "0")
	quantity_int64_range(startswith(text, "-"), digits)
}

quantity_int64_range(_, digits) if count(digits) < 19

quantity_int64_range(false, digits) if {
	count(digits) == 19
	digits <= "9223372036854775807"
}

quantity_int64_range(true, digits) if {
	count(digits) == 19
	digits <= "9223372036854775808"
}

quantity_signed(true, number) := 0 - number

quantity_signed(false, number) := number

# Go's int32(x): the low 32 bits of an integer, two's complement.
quantity_int32(x) := wrapped - 4294967296 if {
	wrapped := ((x % 4294967296) + 4294967296) % 4294967296
	wrapped >= 2147483648
} else := ((x % 4294967296) + 4294967296) % 4294967296

# The magnitude as {"digits", "exponent"} (digits × 10^exponent), by the parser's fast path
# (exact) or its slow path (rounded away from zero to 10^-9; binary values capped at 2^63-1).
quantity_magnitude(num, denom, unit, _) := {"digits": concat("", [num, denom]), "exponent": scale} if {
	unit.base == 10
	quantity_decimal_fast(num, denom, unit)
	scale := quantity_int32(unit.exponent - count(denom))
}

quantity_magnitude(num, denom, unit, true) := quantity_round_nano(concat("", [num, denom]), exponent) if {
	unit.base == 10
	not quantity_decimal_fast(num, denom, unit)
	exponent := 0 - quantity_int32(count(denom) + quantity_int32(0 - unit.exponent))
}

quantity_magnitude(num, "", unit, _) := {"digits": json.marshal(to_number(num) * unit.multiplier), "exponent": 0} if {
	unit.base == 2
	quantity_binary_fast(num, "", unit)
}

quantity_magnitude(num, denom, unit, true) := quantity_cap(rounded) if {
	unit.base == 2
	not quantity_binary_fast(num, denom, unit)
	product := to_number(quantity_digits_or_zero(trim_left(concat("", [num, denom]), "0"))) * unit.multiplier
	rounded := quantity_round_nano(json.marshal(product), 0 - count(denom))
}

quantity_decimal_fast(num, denom, unit) if {
	18 - (count(num) + count(denom)) >= 0
	quantity_int32(unit.exponent - count(denom)) >= -9
}

quantity_binary_fast(num, "", unit) if {
	count(num) <= unit.fast_digits
	to_number(num) * unit.multiplier <= 9223372036854775807
}

# digits × 10^exponent rounded away from zero to a multiple of 10^-9.
quantity_round_nano(digits, exponent) := {"digits": digits, "exponent": exponent} if exponent >= -9

quantity_round_nano(digits, exponent) := quantity_round_up(trim_left(digits, "0"), -9 - exponent) if exponent < -9

quantity_round_up("", _) := {"digits": "", "exponent": -9}

quantity_round_up(digits, dropped) := {"digits": "1", "exponent": -9} if {
	digits != ""
	count(digits) <= dropped
}

quantity_round_up(digits, dropped) := {"digits": quantity_increment(kept, rest), "exponent": -9} if {
	count(digits) > dropped
	kept := substring(digits, 0, count(digits) - dropped)
	rest := substring(digits, count(digits) - dropped, dropped)
}

quantity_increment(kept, rest) := kept if trim_left(rest, "0") == ""

quantity_increment(kept, rest) := json.marshal(to_number(kept) + 1) if trim_left(rest, "0") != ""

quantity_nano_factor := [1000000000, 100000000, 10000000, 1000000, 100000, 10000, 1000, 100, 10, 1]

# A binary magnitude (exponent between -9 and 0) capped at 2^63-1.
quantity_cap(magnitude) := {"digits": "9223372036854775807", "exponent": 0} if {
	to_number(quantity_digits_or_zero(magnitude.digits)) * quantity_nano_factor[0 - magnitude.exponent] > 9223372036854775807000000000
} else := magnitude

quantity_normal(_, magnitude) := quantity_zero if trim_left(magnitude.digits, "0") == ""

quantity_normal(negative, magnitude) := {"sign": quantity_sign(negative), "digits": trim_right(significant, "0"), "order": count(significant) + magnitude.exponent} if {
	significant := trim_left(magnitude.digits, "0")
	significant != ""
}

quantity_sign(true) := -1

quantity_sign(false) := 1

quantity_compare(x, y) := quantity_order(x.sign, y.sign) if x.sign != y.sign

quantity_compare(x, y) := 0 if {
	x.sign == y.sign
	x.sign == 0
}

quantity_compare(x, y) := quantity_magnitude_order(x, y) if {
	x.sign == y.sign
	x.sign == 1
}

quantity_compare(x, y) := quantity_magnitude_order(y, x) if {
	x.sign == y.sign
	x.sign == -1
}

quantity_magnitude_order(x, y) := quantity_order(x.order, y.order) if x.order != y.order

quantity_magnitude_order(x, y) := quantity_order(x.digits, y.digits) if x.order == y.order

quantity_order(a, b) := -1 if a < b

quantity_order(a, b) := 0 if a == b

quantity_order(a, b) := 1 if a > b
`;
