// A minimal PDF 1.4 writer (ISO 32000-1 subset): pages holding text in the standard fonts, lines
// and rectangles. Nothing is compressed or embedded and every string is escaped, so the whole
// file is 7-bit ASCII: it survives any text channel (stdout included) byte for byte.
import { encodeWinAnsi, FONTS, type FontName } from "./fonts.js";

/** A colour, each component 0–1. */
export type Rgb = readonly [number, number, number];

export interface TextStyle {
  readonly font: FontName;
  readonly size: number;
  readonly color?: Rgb;
}

export interface ShapeStyle {
  readonly fill?: Rgb;
  readonly stroke?: Rgb;
  readonly lineWidth?: number;
}

/** A number as PDF writes it: at most 3 decimals, never an exponent. */
function num(value: number): string {
  const fixed = value.toFixed(3).replace(/\.?0+$/, "");
  return fixed === "-0" ? "0" : fixed;
}

function rgb(color: Rgb): string {
  return color.map(num).join(" ");
}

/**
 * A literal string (ISO 32000-1, 7.3.4.2) of WinAnsi bytes: `\`, `(` and `)` are escaped with a
 * backslash, and every byte outside printable ASCII is written as a 3-digit octal escape.
 */
export function pdfString(bytes: readonly number[]): string {
  let out = "(";
  for (const byte of bytes) {
    if (byte === 0x5c || byte === 0x28 || byte === 0x29) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

/** A text string for the document information (7.9.2.2): UTF-16BE with a byte order mark, in hex. */
function pdfTextString(text: string): string {
  let hex = "FEFF";
  for (let index = 0; index < text.length; index++) {
    hex += text.charCodeAt(index).toString(16).padStart(4, "0").toUpperCase();
  }
  return `<${hex}>`;
}

/** `D:YYYYMMDDHHmmSSZ` (7.9.4). */
function pdfDate(date: Date): string {
  return `D:${date
    .toISOString()
    .replace(/\.\d+Z$/, "")
    .replace(/[-:T]/g, "")}Z`;
}

export class PdfPage {
  readonly #operations: string[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** Text with its baseline at (x, y), y measured from the bottom of the page. */
  text(x: number, y: number, text: string, style: TextStyle): void {
    const font = `/F${FONTS.indexOf(style.font) + 1}`;
    const color = style.color ?? [0, 0, 0];
    this.#operations.push(
      `BT ${font} ${num(style.size)} Tf ${rgb(color)} rg ${num(x)} ${num(y)} Td ${pdfString(encodeWinAnsi(text))} Tj ET`,
    );
  }

  rect(x: number, y: number, width: number, height: number, style: ShapeStyle): void {
    const paint = style.fill !== undefined && style.stroke !== undefined ? "B" : style.fill !== undefined ? "f" : "S";
    this.#operations.push(
      [
        "q",
        style.fill === undefined ? "" : `${rgb(style.fill)} rg`,
        style.stroke === undefined ? "" : `${rgb(style.stroke)} RG ${num(style.lineWidth ?? 0.5)} w`,
        `${num(x)} ${num(y)} ${num(width)} ${num(height)} re ${paint} Q`,
      ]
        .filter((part) => part !== "")
        .join(" "),
    );
  }

  line(x1: number, y1: number, x2: number, y2: number, color: Rgb, width = 0.5): void {
    this.#operations.push(`q ${rgb(color)} RG ${num(width)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`);
  }

  content(): string {
    return `${this.#operations.join("\n")}\n`;
  }
}

export interface DocumentInfo {
  readonly title: string;
  readonly subject?: string;
  readonly creator: string;
  readonly creationDate: Date;
}

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

export class PdfDocument {
  readonly pages: PdfPage[] = [];

  constructor(
    readonly info: DocumentInfo,
    readonly pageSize: { readonly width: number; readonly height: number } = A4,
  ) {}

  addPage(): PdfPage {
    const page = new PdfPage(this.pageSize.width, this.pageSize.height);
    this.pages.push(page);
    return page;
  }

  /** The file: header, objects, cross-reference table, trailer (7.5). */
  toBytes(): Uint8Array {
    // Object numbers: 1 catalog, 2 page tree, 3 info, fonts, then a page and its content each.
    const fontBase = 4;
    const pageBase = fontBase + FONTS.length;
    const objects: string[] = [];
    const pageRefs = this.pages.map((_, index) => `${pageBase + index * 2} 0 R`);
    objects.push("<< /Type /Catalog /Pages 2 0 R >>");
    objects.push(`<< /Type /Pages /Kids [${pageRefs.join(" ")}] /Count ${this.pages.length} >>`);
    objects.push(
      [
        "<<",
        `/Title ${pdfTextString(this.info.title)}`,
        this.info.subject === undefined ? "" : `/Subject ${pdfTextString(this.info.subject)}`,
        `/Creator ${pdfTextString(this.info.creator)}`,
        `/Producer ${pdfTextString(this.info.creator)}`,
        `/CreationDate (${pdfDate(this.info.creationDate)})`,
        ">>",
      ]
        .filter((part) => part !== "")
        .join(" "),
    );
    for (const font of FONTS) {
      objects.push(`<< /Type /Font /Subtype /Type1 /BaseFont /${font} /Encoding /WinAnsiEncoding >>`);
    }
    const fontResources = FONTS.map((_, index) => `/F${index + 1} ${fontBase + index} 0 R`).join(" ");
    this.pages.forEach((page, index) => {
      const contentRef = pageBase + index * 2 + 1;
      objects.push(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] /Resources << /Font << ${fontResources} >> >> /Contents ${contentRef} 0 R >>`,
      );
      const content = page.content();
      objects.push(`<< /Length ${content.length} >>\nstream\n${content}endstream`);
    });

    let file = "%PDF-1.4\n";
    const offsets: number[] = [];
    objects.forEach((body, index) => {
      offsets.push(file.length);
      file += `${index + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = file.length;
    file += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) file += `${String(offset).padStart(10, "0")} 00000 n \n`;
    file += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    // Every character is ASCII (strings are escaped), so string offsets are byte offsets.
    if (/[^\x00-\x7f]/.test(file)) throw new Error("PDF writer produced a non-ASCII character");
    return new Uint8Array(Buffer.from(file, "latin1"));
  }
}
