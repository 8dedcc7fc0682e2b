// The three standard PDF fonts the report uses (every PDF reader has them, nothing is embedded),
// their WinAnsiEncoding, and their glyph widths for line wrapping and right alignment.
//
// Widths are the Adobe Core 14 AFM metrics (1/1000 em) for the WinAnsi codes 0x20–0xFF.

export type FontName = "Helvetica" | "Helvetica-Bold" | "Courier";

export const FONTS: readonly FontName[] = ["Helvetica", "Helvetica-Bold", "Courier"];

// biome-ignore format: a table of 224 widths, 0x20–0xFF
const HELVETICA = [
  278,278,355,556,556,889,667,191,333,333,389,584,278,584,278,278,556,556,556,556,556,556,556,556,556,556,278,278,584,584,584,556,
  1015,667,667,722,722,667,611,778,722,278,500,667,556,833,722,778,667,778,722,667,611,722,667,944,667,667,611,278,278,278,469,556,
  333,556,556,500,556,556,278,556,556,222,222,500,222,833,556,556,556,556,333,500,278,556,500,722,500,500,500,334,260,334,584,0,
  556,0,222,556,333,1000,556,556,333,1000,667,333,1000,0,611,0,0,222,222,333,333,350,556,1000,333,1000,500,333,944,0,500,667,
  278,333,556,556,556,556,260,556,333,737,370,556,584,333,737,333,400,584,333,333,333,556,537,278,333,333,365,556,834,834,834,611,
  667,667,667,667,667,667,1000,722,667,667,667,667,278,278,278,278,722,722,778,778,778,778,778,584,778,722,722,722,722,667,667,611,
  556,556,556,556,556,556,889,500,556,556,556,556,278,278,278,278,556,556,556,556,556,556,556,584,611,556,556,556,556,500,556,500,
];

// biome-ignore format: a table of 224 widths, 0x20–0xFF
const HELVETICA_BOLD = [
  278,333,474,556,556,889,722,238,333,333,389,584,278,584,278,278,556,556,556,556,556,556,556,556,556,556,333,333,584,584,584,611,
  975,722,722,722,722,667,611,778,722,278,556,722,611,833,722,778,667,778,722,667,611,722,667,944,667,667,611,333,278,333,584,556,
  333,556,611,556,611,556,333,611,611,278,278,556,278,889,611,611,611,611,389,556,333,611,556,778,556,556,500,389,280,389,584,0,
  556,0,278,556,500,1000,556,556,333,1000,667,333,1000,0,611,0,0,278,278,500,500,350,556,1000,333,1000,556,333,944,0,500,667,
  278,333,556,556,556,556,280,556,333,737,370,556,584,333,737,333,400,584,333,333,333,611,556,278,333,333,365,556,834,834,834,611,
  722,722,722,722,722,722,1000,722,667,667,667,667,278,278,278,278,722,722,778,778,778,778,778,584,778,722,722,722,722,667,667,611,
  556,556,556,556,556,556,889,556,556,556,556,556,278,278,278,278,611,611,611,611,611,611,611,584,611,611,611,611,611,556,611,556,
];

const WIDTHS: Record<FontName, (code: number) => number> = {
  Helvetica: (code) => HELVETICA[code - 0x20] ?? 556,
  "Helvetica-Bold": (code) => HELVETICA_BOLD[code - 0x20] ?? 556,
  Courier: () => 600,
};

/**
 * WinAnsiEncoding (ISO 32000-1, Annex D.2) where it differs from Unicode: the codes 0x80–0x9F.
 * 0x20–0x7E and 0xA0–0xFF are the Unicode code points of the same value.
 */
const WIN_ANSI_EXTRA: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80],
  [0x201a, 0x82],
  [0x0192, 0x83],
  [0x201e, 0x84],
  [0x2026, 0x85],
  [0x2020, 0x86],
  [0x2021, 0x87],
  [0x02c6, 0x88],
  [0x2030, 0x89],
  [0x0160, 0x8a],
  [0x2039, 0x8b],
  [0x0152, 0x8c],
  [0x017d, 0x8e],
  [0x2018, 0x91],
  [0x2019, 0x92],
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96],
  [0x2014, 0x97],
  [0x02dc, 0x98],
  [0x2122, 0x99],
  [0x0161, 0x9a],
  [0x203a, 0x9b],
  [0x0153, 0x9c],
  [0x017e, 0x9e],
  [0x0178, 0x9f],
]);

/** Characters outside WinAnsi that have a plain spelling. */
const SUBSTITUTES: ReadonlyMap<number, string> = new Map([
  [0x2010, "-"],
  [0x2011, "-"],
  [0x2012, "-"],
  [0x2212, "-"],
  [0x2192, "->"],
  [0x2190, "<-"],
  [0x21d2, "=>"],
  [0x2264, "<="],
  [0x2265, ">="],
  [0x2260, "!="],
  [0x2032, "'"],
  [0x2033, '"'],
  [0x00a0, " "],
  [0x2002, " "],
  [0x2003, " "],
  [0x2009, " "],
  [0x200b, ""],
  [0xfeff, ""],
  [0x0141, "L"],
  [0x0142, "l"],
  [0x0110, "D"],
  [0x0111, "d"],
  [0x0126, "H"],
  [0x0127, "h"],
  [0x0131, "i"],
  [0x0166, "T"],
  [0x0167, "t"],
]);

/** The byte of one code point, or undefined when WinAnsi has no such character. */
function winAnsiByte(codePoint: number): number | undefined {
  if ((codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff)) return codePoint;
  return WIN_ANSI_EXTRA.get(codePoint);
}

/**
 * Text as WinAnsi bytes, never failing: a character WinAnsi lacks becomes its plain spelling,
 * its letters without accents (NFKD: "ő" → "o", "ﬁ" → "fi"), or "?". Control characters
 * (tab, newline) become spaces.
 */
export function encodeWinAnsi(text: string): number[] {
  const bytes: number[] = [];
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0x3f;
    const substitute = SUBSTITUTES.get(codePoint);
    if (substitute !== undefined) {
      for (const plain of substitute) bytes.push(plain.charCodeAt(0));
      continue;
    }
    const direct = winAnsiByte(codePoint);
    if (direct !== undefined) {
      bytes.push(direct);
      continue;
    }
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) {
      bytes.push(0x20);
      continue;
    }
    const decomposed = [...character.normalize("NFKD")]
      .map((part) => winAnsiByte(part.codePointAt(0) ?? 0))
      .filter((byte): byte is number => byte !== undefined);
    if (decomposed.length > 0) bytes.push(...decomposed);
    else bytes.push(0x3f);
  }
  return bytes;
}

/** Width of WinAnsi bytes in points at `size`. */
function widthOf(bytes: readonly number[], font: FontName, size: number): number {
  const width = WIDTHS[font];
  return (bytes.reduce((sum, byte) => sum + width(byte), 0) * size) / 1000;
}

export function textWidth(text: string, font: FontName, size: number): number {
  return widthOf(encodeWinAnsi(text), font, size);
}
