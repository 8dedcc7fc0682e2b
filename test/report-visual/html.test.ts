// The HTML report in its real consumer, headless Chromium: the page loads from a file:// URL
// with no request beyond itself, shows the scores, coverage and controls of the JSON report of
// the same scan, renders hostile manifest text as text, and looks like a report (screenshot).
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import {
  artifactFolder,
  CHROMIUM_ARGS,
  findChromium,
  HOSTILE_CONTAINER,
  HOSTILE_NAME,
  type Inputs,
  JUSTIFICATION,
  percentText,
  pngSize,
  readJson,
  renderAll,
  scanArgs,
  skipWithout,
  writeInputs,
} from "./support.js";

const executable = findChromium();
const noChromium = skipWithout("Chromium", executable !== undefined);

if (executable === undefined) {
  console.warn(
    "test/report-visual/html.test.ts: skipped — no Chromium found (tried $RAMPART_CHROMIUM, /usr/bin/chromium, " +
      "/usr/bin/chromium-browser, /usr/bin/google-chrome); install Debian's: apt-get install -y chromium",
  );
}

describe.skipIf(noChromium)("HTML report in headless Chromium (needs: apt-get install chromium)", () => {
  let inputs: Inputs;
  let report: JsonReport;
  let htmlFile: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    inputs = writeInputs("html");
    const files = await renderAll(scanArgs(inputs), ["html", "json"], inputs.folder);
    htmlFile = files.html as string;
    report = readJson(files.json as string);
    browser = await chromium.launch({ executablePath: executable, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: true });
    // Anything but the report itself would be a fetch of the network or of another file.
    await context.route("**/*", (route) =>
      route.request().url() === pathToFileURL(htmlFile).href ? route.continue() : route.abort(),
    );
    page = await context.newPage();
    page.on("request", (request) => requests.push(request.url()));
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: "load" });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("loads nothing but itself and runs no script", async () => {
    expect(requests).toEqual([pathToFileURL(htmlFile).href]);
    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.locator("link, img, iframe, object, embed").count()).toBe(0);
  });

  it("shows the title, scan date, targets and the overall scores of the JSON report", async () => {
    expect(await page.title()).toContain("Rampart compliance report — NSA");
    expect(await page.locator("#scan-date time").getAttribute("datetime")).toBe(report.scanDate);
    expect(await page.locator("#targets").textContent()).toBe(report.scanTargets.join(", "));
    expect(await page.locator("dl.meta").textContent()).toContain("prod <eu>");
    expect(await page.locator("#overall-compliance .value").textContent()).toBe(
      percentText(report.summaryDetails.complianceScore),
    );
    expect(await page.locator("#overall-risk .value").textContent()).toBe(percentText(report.summaryDetails.riskScore));
    expect(await page.locator("#coverage").textContent()).toContain(report.summaryDetails.coverage.text);
  });

  it("shows each framework's scores and coverage", async () => {
    const [framework] = report.summaryDetails.frameworks;
    const card = page.locator('.framework[data-framework="nsa"]');
    expect(await card.locator("h3").textContent()).toBe("NSA");
    expect(await card.textContent()).toContain(percentText(framework?.complianceScore ?? null));
    expect(await card.textContent()).toContain(percentText(framework?.riskScore ?? null));
    expect(await card.textContent()).toContain(framework?.coverage.text ?? "framework coverage");
  });

  it("has a row per control with failed/all resources and the compliance score; skipped ones with the reason", async () => {
    const rows = page.locator("table.controls tbody tr");
    expect(await rows.count()).toBe(report.results.length);
    for (const control of report.results) {
      const cells = (await page.locator(`tr[data-control="${control.controlID}"] td`).allInnerTexts()).map((cell) =>
        cell.trim(),
      );
      expect(cells[0]).toBe(control.severity);
      expect(cells[1]).toContain(`${control.controlID} ${control.name}`);
      if (control.status === "skipped") {
        expect(cells[1]).toContain(`Skipped: ${control.statusReason}`);
        expect(cells.slice(2)).toEqual(["–", "–", "skipped"]);
      } else {
        expect(cells[2]).toMatch(new RegExp(`^${control.resourceCounters.failed}\\b`));
        expect(cells[3]).toBe(String(control.resourceCounters.all));
        expect(cells[4]).toBe(percentText(control.complianceScore));
      }
    }
    expect(await page.locator('tr[data-status="skipped"]').count()).toBe(
      report.results.filter((control) => control.status === "skipped").length,
    );
  });

  it("lists each failing object with messages, paths, fixes and remediation", async () => {
    const web = page.locator('article.object[data-resource-id="apps/v1/shop/Deployment/web"]');
    const escalation = web.locator('li.finding[data-control="C-0016"]');
    const text = await escalation.textContent();
    expect(text).toContain('container "log-shipper" does not set allowPrivilegeEscalation to false');
    expect(text).toContain("Path: spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation");
    expect(text).toContain(
      "Fix: set spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation to false",
    );
    expect(text).toContain("Remediation: Set securityContext.allowPrivilegeEscalation to false in every container.");
    const failingIds = new Set(
      report.results.flatMap((control) =>
        control.resources.filter((resource) => resource.status !== "passed").map((resource) => resource.resourceID),
      ),
    );
    expect(await page.locator("article.object").count()).toBe(failingIds.size);
  });

  it("shows failures accepted by exceptions with the justification, as text", async () => {
    const accepted = page.locator(
      'article.object[data-resource-id="apps/v1/monitoring/DaemonSet/node-agent"] li.finding.accepted[data-control="C-0057"]',
    );
    expect(await accepted.locator(".status").textContent()).toBe("passed with exception");
    expect(await accepted.locator(".exception").textContent()).toContain(JUSTIFICATION);
    expect(await accepted.locator(".exception i").count()).toBe(0);
    const exceptions = await page.locator("#exceptions").textContent();
    expect(exceptions).toContain("expired-exemption");
    expect(exceptions).toContain("expired, not applied");
    expect(exceptions).toContain("matched no failure");
    expect(await page.locator("#skipped-inputs").textContent()).toContain("broken.yaml");
  });

  it("renders hostile manifest text as text", async () => {
    const hostile = page.locator("article.object").filter({ has: page.locator(".name", { hasText: HOSTILE_NAME }) });
    expect(await hostile.count()).toBe(1);
    expect(await hostile.locator(".name").textContent()).toBe(HOSTILE_NAME);
    expect(await hostile.textContent()).toContain(`container "${HOSTILE_CONTAINER}"`);
    expect(await hostile.textContent()).toContain("namespace </td></tr><tr><td>");
    expect(await page.locator("table.controls tbody tr").count()).toBe(report.results.length);
    const source = readFileSync(htmlFile, "utf8");
    expect(source).not.toContain(HOSTILE_NAME);
    expect(source).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("looks like a report: a full-page screenshot as tall as the content", async () => {
    // Evaluated in the page (the tests' TypeScript has no DOM library).
    const layout = (await page.evaluate(
      "({ scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight })",
    )) as { scrollWidth: number; scrollHeight: number };
    const footer = await page.locator("footer").boundingBox();
    const footerBottom = (footer?.y ?? Number.POSITIVE_INFINITY) + (footer?.height ?? 0);
    expect(layout.scrollWidth).toBeLessThanOrEqual(1280);
    expect(Math.floor(footerBottom)).toBeLessThanOrEqual(layout.scrollHeight);
    expect(footerBottom).toBeGreaterThan(layout.scrollHeight - 40);
    expect(layout.scrollHeight).toBeGreaterThan(3000);
    const png = await page.screenshot({ fullPage: true });
    const size = pngSize(png);
    expect(size.width).toBe(1280);
    expect(size.height).toBe(layout.scrollHeight);
    // A blank or unstyled page compresses to a few kilobytes; the report has colour and text.
    expect(png.length).toBeGreaterThan(150_000);
    const summary = await page.locator("#summary").screenshot();
    expect(summary.length).toBeGreaterThan(10_000);
    // The element's own picture: as wide and as tall as its box on the page.
    const box = await page.locator("#summary").boundingBox();
    expect(box).not.toBeNull();
    const summarySize = pngSize(summary);
    expect(Math.abs(summarySize.width - (box?.width ?? 0))).toBeLessThanOrEqual(1);
    expect(Math.abs(summarySize.height - (box?.height ?? 0))).toBeLessThanOrEqual(1);
    const folder = artifactFolder();
    writeFileSync(path.join(folder, "report.png"), png);
    writeFileSync(path.join(folder, "summary.png"), summary);
    copyFileSync(htmlFile, path.join(folder, "report.html"));
  });
});
