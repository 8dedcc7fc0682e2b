// The one escaping function of each document format, on hostile strings, with exact output:
// HTML text/attributes, PDF literal strings and the WinAnsi fallback; and a PDF whose text is
// PDF syntax, read back by pdf.js as the same text.
import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { escapeHtml, html, joinHtml, styleElement } from "../../runtime/report/html-escape.js";
import { PdfDocument, pdfString } from "../../runtime/report/pdf/document.js";
import { encodeWinAnsi, textWidth } from "../../runtime/report/pdf/fonts.js";
import { wrap } from "../../runtime/report/pdf/layout.js";

describe("escapeHtml", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`"><img src=x onerror=alert(2)>`, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"],
    ["it's & <b>", "it&#39;s &amp; &lt;b&gt;"],
    ["&amp; stays text", "&amp;amp; stays text"],
    ["nul\u0000byte", "nul\uFFFDbyte"],
    ["line\nbreak\ttab \\ back`tick", "line\nbreak\ttab \\ back`tick"],
    ["ünïcode 日本 🚀", "ünïcode 日本 🚀"],
  ])("%j", (input, output) => {
    expect(escapeHtml(input)).toBe(output);
  });

  it("escapes every interpolation of an html template once, and nested markup not again", () => {
    const name = "<x>&";
    const inner = html`<b>${name}</b>`;
    expect(html`<p title="${name}">${inner}${[inner, inner]}${3}${undefined}${false}</p>`.toString()).toBe(
      '<p title="&lt;x&gt;&amp;"><b>&lt;x&gt;&amp;</b><b>&lt;x&gt;&amp;</b><b>&lt;x&gt;&amp;</b>3</p>',
    );
    expect(joinHtml([inner, inner], "<br>").toString()).toBe("<b>&lt;x&gt;&amp;</b>&lt;br&gt;<b>&lt;x&gt;&amp;</b>");
  });

  it("refuses a stylesheet that could end the style element", () => {
    expect(styleElement("a { color: red; }").toString()).toBe("<style>a { color: red; }</style>");
    expect(() => styleElement("a{}</STYLE><script>")).toThrow(/cannot contain <\/style/);
  });
});

describe("PDF strings", () => {
  it.each([
    ["plain", "(plain)"],
    ["(a) \\ b", "(\\(a\\) \\\\ b)"],
    [") Tj ET BT (", "(\\) Tj ET BT \\()"],
    ["café", "(caf\\351)"],
    ["€ – “q” •", "(\\200 \\226 \\223q\\224 \\225)"],
    ["tab\tnew\nline", "(tab new line)"],
  ])("%j", (input, output) => {
    expect(pdfString(encodeWinAnsi(input))).toBe(output);
  });

  it("falls back for characters WinAnsi lacks", () => {
    const decode = (text: string) => String.fromCharCode(...encodeWinAnsi(text));
    expect(decode("Łódź ő ﬁx")).toBe("Lódz o fix");
    expect(decode("日本 🚀")).toBe("?? ?");
    expect(decode("a → b ≥ c")).toBe("a -> b >= c");
    expect(decode("zero\u200bwidth")).toBe("zerowidth");
  });

  it("wraps to the width, cutting long paths after a separator", () => {
    const style = { font: "Helvetica", size: 10 } as const;
    const lines = wrap("spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation is set", style, 150);
    for (const line of lines) expect(textWidth(line, "Helvetica", 10)).toBeLessThanOrEqual(150);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join("").replace(/ /g, "")).toBe(
      "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalationisset",
    );
    expect(lines[0]).toMatch(/\.$/);
  });

  it("writes text that is PDF syntax as text", async () => {
    const hostile = ") Tj ET endstream endobj %%EOF \\ ( <script>";
    const document = new PdfDocument({ title: "t", creator: "test", creationDate: new Date(0) });
    document.addPage().text(50, 700, hostile, { font: "Courier", size: 10 });
    document.addPage().text(50, 700, "second page", { font: "Helvetica-Bold", size: 10 });
    const fonts = `${path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;
    const pdf = await getDocument({ data: document.toBytes(), isEvalSupported: false, standardFontDataUrl: fonts })
      .promise;
    expect(pdf.numPages).toBe(2);
    const text = await (await pdf.getPage(1)).getTextContent();
    expect(text.items.map((item) => ("str" in item ? item.str : "")).join("")).toBe(hostile);
    await pdf.destroy();
  });
});
