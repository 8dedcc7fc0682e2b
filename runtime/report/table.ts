// A plain text table with box-drawing borders, sized to its content.

export type Align = "left" | "right";

export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => visibleLength(row[column] ?? ""))),
  );
  const line = (left: string, middle: string, right: string) =>
    `${left}${widths.map((width) => "─".repeat(width + 2)).join(middle)}${right}`;
  const format = (cells: readonly string[]) =>
    `│${cells
      .map((cell, column) => {
        const pad = " ".repeat((widths[column] ?? 0) - visibleLength(cell));
        return align[column] === "right" ? ` ${pad}${cell} ` : ` ${cell}${pad} `;
      })
      .join("│")}│`;
  return [line("┌", "┬", "┐"), format(headers), line("├", "┼", "┤"), ...rows.map(format), line("└", "┴", "┘")].join(
    "\n",
  );
}

/** Length without ANSI colour codes. */
function visibleLength(text: string): number {
  return text.replace(/\u001b\[[0-9;]*m/g, "").length;
}
