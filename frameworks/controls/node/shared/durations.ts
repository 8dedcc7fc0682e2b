// Go durations as the kubelet reads them (time.ParseDuration): `0`, or numbers each with a unit
// (ns, us, µs, ms, s, m, h), optionally signed.

/** Whether a duration is zero: `0`, `0s`, `0h0m0s`, `0.0m`. */
export function isZeroDuration(value: string): boolean {
  return /^[+-]?(0|((0+\.?0*|\.0+)(ns|us|µs|μs|ms|s|m|h))+)$/.test(value);
}
