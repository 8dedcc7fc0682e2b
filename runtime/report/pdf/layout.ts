// Flowing content down A4 pages: wrapped paragraphs, tables whose header repeats on each page,
// and page breaks; positions are measured from the top of the page and turned into PDF's
// bottom-up coordinates here only.
import type { PdfDocument, PdfPage, Rgb, TextStyle } from "./document.js";
import { textWidth } from "./fonts.js";

export const INK: Rgb = [0.12, 0.16, 0.2];
export const MUTED: Rgb = [0.38, 0.44, 0.5];
export const RULE: Rgb = [0.85, 0.88, 0.91];
export const PANEL: Rgb = [0.96, 0.97, 0.98];

const MARGIN = { top: 56, bottom: 56, left: 48, right: 48 } as const;

/** Lines of `text` no wider than `width`; a word longer than a line is cut where it must be. */
export function wrap(text: string, style: TextStyle, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    for (const word of paragraph.split(/ +/)) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (textWidth(candidate, style.font, style.size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      let rest = word;
      while (textWidth(rest, style.font, style.size) > width) {
        let cut = 1;
        while (cut < rest.length && textWidth(rest.slice(0, cut + 1), style.font, style.size) <= width) cut++;
        // Prefer to cut after a separator of paths and names (-, /, ., _).
        const separator = Math.max(...["-", "/", ".", "_"].map((mark) => rest.lastIndexOf(mark, cut - 1)));
        if (separator > cut / 2) cut = separator + 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export interface Column {
  readonly title: string;
  /** A share of the text width. */
  readonly weight: number;
  readonly align?: "left" | "right";
}

export interface Cell {
  readonly text: string;
  readonly style?: Partial<TextStyle>;
  /** A small coloured label drawn behind the text (severity). */
  readonly badge?: Rgb;
}

export class Flow {
  page!: PdfPage;
  /** Distance from the top of the page to where the next content goes. */
  y = 0;

  constructor(readonly document: PdfDocument) {
    this.newPage();
  }

  get left(): number {
    return MARGIN.left;
  }

  get width(): number {
    return this.document.pageSize.width - MARGIN.left - MARGIN.right;
  }

  newPage(): void {
    this.page = this.document.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y + height > this.document.pageSize.height - MARGIN.bottom) this.newPage();
  }

  space(height: number): void {
    this.y += height;
  }

  /** One line of text whose top is at the cursor's y + `top`. */
  textAt(x: number, top: number, text: string, style: TextStyle, lineHeight = style.size * 1.3): void {
    const baseline = top + (lineHeight - style.size) / 2 + style.size * 0.8;
    this.page.text(x, this.document.pageSize.height - baseline, text, style);
  }

  rectAt(x: number, top: number, width: number, height: number, fill: Rgb, stroke?: Rgb): void {
    this.page.rect(x, this.document.pageSize.height - top - height, width, height, { fill, stroke });
  }

  rule(color: Rgb = RULE, width = 0.75): void {
    const y = this.document.pageSize.height - this.y;
    this.page.line(this.left, y, this.left + this.width, y, color, width);
  }

  paragraph(text: string, style: TextStyle, options: { indent?: number; after?: number } = {}): void {
    const indent = options.indent ?? 0;
    const lineHeight = style.size * 1.35;
    for (const line of wrap(text, style, this.width - indent)) {
      this.ensure(lineHeight);
      this.textAt(this.left + indent, this.y, line, style, lineHeight);
      this.y += lineHeight;
    }
    this.y += options.after ?? 0;
  }

  heading(text: string, size = 14): void {
    this.ensure(size * 1.4 + 40);
    this.y += 6;
    this.paragraph(text, { font: "Helvetica-Bold", size, color: INK });
    this.rule();
    this.y += 8;
  }

  /** A table; rows never split across pages, and the header repeats after a break. */
  table(columns: readonly Column[], rows: readonly (readonly Cell[])[], size = 8.5): void {
    const total = columns.reduce((sum, column) => sum + column.weight, 0);
    const widths = columns.map((column) => (column.weight / total) * this.width);
    const padding = 4;
    const lineHeight = size * 1.3;
    const drawRow = (cells: readonly Cell[], header: boolean, shade: boolean) => {
      const base: TextStyle = { font: header ? "Helvetica-Bold" : "Helvetica", size, color: header ? MUTED : INK };
      const wrapped = cells.map((cell, index) =>
        wrap(cell.text, { ...base, ...cell.style }, (widths[index] ?? 0) - padding * 2),
      );
      const height = Math.max(...wrapped.map((lines) => lines.length)) * lineHeight + padding * 2;
      return { wrapped, height, base, header, shade, cells };
    };
    const paint = (row: ReturnType<typeof drawRow>) => {
      if (row.header || row.shade) this.rectAt(this.left, this.y, this.width, row.height, PANEL);
      let x = this.left;
      row.wrapped.forEach((lines, index) => {
        const cell = row.cells[index] as Cell;
        const style = { ...row.base, ...cell.style };
        const cellWidth = widths[index] ?? 0;
        if (cell.badge !== undefined) {
          const badgeWidth = Math.max(...lines.map((line) => textWidth(line, style.font, style.size))) + 8;
          this.rectAt(x + padding - 2, this.y + padding - 1, badgeWidth, lineHeight + 1, cell.badge);
        }
        lines.forEach((line, lineIndex) => {
          const lineWidth = textWidth(line, style.font, style.size);
          const lineX =
            columns[index]?.align === "right"
              ? x + cellWidth - padding - lineWidth
              : x + padding + (cell.badge ? 2 : 0);
          this.textAt(lineX, this.y + padding + lineIndex * lineHeight, line, style, lineHeight);
        });
        x += cellWidth;
      });
      this.y += row.height;
      this.rule(RULE, 0.5);
    };
    const header = drawRow(
      columns.map((column) => ({ text: column.title })),
      true,
      false,
    );
    this.ensure(header.height * 2);
    paint(header);
    rows.forEach((cells, index) => {
      const row = drawRow(cells, false, index % 2 === 1);
      if (this.y + row.height > this.document.pageSize.height - MARGIN.bottom) {
        this.newPage();
        paint(header);
      }
      paint(row);
    });
    this.y += 10;
  }

  /** Page furniture on every page, once the page count is known. */
  finish(header: string, footer: string): void {
    const { width, height } = this.document.pageSize;
    const count = this.document.pages.length;
    this.document.pages.forEach((page, index) => {
      const style: TextStyle = { font: "Helvetica", size: 8, color: MUTED };
      page.text(MARGIN.left, height - 32, header, style);
      page.line(MARGIN.left, height - 38, width - MARGIN.right, height - 38, RULE, 0.5);
      page.text(MARGIN.left, 30, footer, style);
      const number = `Page ${index + 1} of ${count}`;
      page.text(width - MARGIN.right - textWidth(number, "Helvetica", 8), 30, number, style);
    });
  }
}
