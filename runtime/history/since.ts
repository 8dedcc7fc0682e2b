// `--since 30d` and `?since=`: a duration back from now (`90m`, `12h`, `30d`, `2w`) or a date
// (`2026-01-31`, `2026-01-31T12:00:00Z`).
const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** The moment `text` names, or undefined when it is neither a duration nor a date. */
export function parseSince(text: string, now = new Date()): Date | undefined {
  const duration = /^(\d+)([mhdw])$/.exec(text.trim());
  if (duration !== null) {
    return new Date(now.getTime() - Number(duration[1]) * (UNITS[duration[2] as string] as number));
  }
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return undefined;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const SINCE_HELP = "a duration back from now (90m, 12h, 30d, 2w) or a date (2026-01-31)";
