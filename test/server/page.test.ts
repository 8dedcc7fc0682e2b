// The trend page of `rampart serve` in headless Chromium: it asks for the token, draws the score
// per framework over the stored scans with the Chart.js the server serves (no request leaves the
// server), lists the latest scan's failing controls and what changed since the previous scan, and
// looks like a dashboard (screenshot in the test output).
// The page's CSP forbids eval, and some Chromium builds apply that to Playwright's waitForFunction
// too: the tests wait on selectors or poll page.evaluate instead.
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import { inProcessRunner } from "../../runtime/server/runner.js";
import { artifactFolder, CHROMIUM_ARGS, findChromium, pngSize, skipWithout } from "../report-visual/support.js";
import { tempFolder } from "../support/cli.js";
import { setStage, startTestServer, type TestServer, TOKEN } from "../support/serve.js";

const executable = findChromium();
const noChromium = skipWithout("Chromium", executable !== undefined);
const work = tempFolder("rampart-serve-page-");
const scanned = path.join(work.folder, "cluster");

describe.skipIf(noChromium)("the trend page in headless Chromium (needs: apt-get install chromium)", () => {
  let test: TestServer;
  let browser: Browser;
  let page: Page;
  let latest: JsonReport;
  const foreign: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    test = await startTestServer(work.file("history.db"), [scanned], { runner: inProcessRunner() });
    for (const stage of ["base", "risky", "risky", "fixed"] as const) {
      setStage(scanned, stage);
      expect((await test.scan()).status).toBe("stored");
    }
    latest = (await test.call("/v1/scans/latest")).json() as JsonReport;
    browser = await chromium.launch({ executablePath: executable, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(`${test.server.url}/`)) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error" && !/401/.test(message.text())) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${test.server.url}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await test?.server.stop();
  });

  it("asks for the token, and says when it is refused", async () => {
    await page.waitForSelector("#login:not([hidden])");
    expect(await page.isHidden("#content")).toBe(true);
    await page.fill("#token", "not-the-token");
    await page.click("#login-form button");
    await page.waitForSelector("#login-error:not(:empty)");
    expect(await page.textContent("#login-error")).toBe("The token was refused.");
  });

  it("draws the score of each framework over the scans", async () => {
    await page.fill("#token", TOKEN);
    await page.click("#login-form button");
    await page.waitForSelector("#content:not([hidden])");
    // Evaluated in the page (the tests' TypeScript has no DOM library).
    await expect
      .poll(() =>
        page.evaluate(
          'window.Chart !== undefined && window.Chart.getChart(document.getElementById("trend")) !== undefined',
        ),
      )
      .toBe(true);
    const datasets = (await page.evaluate(
      'window.Chart.getChart(document.getElementById("trend")).data.datasets.map((d) => ({ label: d.label, points: d.data.map((p) => p.y) }))',
    )) as Array<{ label: string; points: number[] }>;
    const scans = (await test.call("/v1/scans")).json() as {
      scans: Array<{ score: number; frameworks: Array<{ name: string; score: number }> }>;
    };
    expect(datasets.map((dataset) => dataset.label)).toEqual(["nsa", "mitre", "cis-v1.23-t1.0.1", "overall"]);
    expect(datasets[0]?.points).toEqual(scans.scans.map((scan) => scan.frameworks[0]?.score));
    expect(datasets[3]?.points).toEqual(scans.scans.map((scan) => scan.score));
    // The scores moved between the stages: a line that is not flat.
    expect(new Set(datasets[3]?.points).size).toBeGreaterThan(1);
    const pixels = (await page.evaluate(`(() => {
      const canvas = document.getElementById("trend");
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let index = 3; index < data.length; index += 4) if (data[index] > 0) painted += 1;
      return painted;
    })()`)) as number;
    expect(pixels).toBeGreaterThan(1000);
  });

  it("lists the latest scan's failing controls, most severe first", async () => {
    await page.waitForSelector("#failing tbody tr");
    const rows = await page.$$eval("#failing tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
    );
    const failing = latest.results.filter((control) => control.status === "failed");
    expect(rows).toHaveLength(failing.length);
    const order = ["Critical", "High", "Medium", "Low"];
    const severities = rows.map((row) => order.indexOf(row[0] as string));
    expect(severities).toEqual([...severities].sort((a, b) => a - b));
    for (const control of failing) {
      expect(rows).toContainEqual([
        control.severity,
        `${control.controlID} ${control.name}`,
        `${control.resourceCounters.failed} of ${control.resourceCounters.all}`,
        `${control.complianceScore?.toFixed(2)}%`,
      ]);
    }
  });

  it("shows what changed since the previous scan", async () => {
    await page.waitForSelector("#changes-summary:not(:empty)");
    expect(await page.textContent("#changes-summary")).toMatch(/^0 new, \d+ fixed, \d+ still failing \(scan 3 → 4\)$/);
    const fixed = await page.$$eval("#changes-fixed li", (items) => items.map((item) => item.textContent));
    expect(fixed).toContain("High C-0057 Deployment production/risky-app");
    expect(await page.$$eval("#changes-new li", (items) => items.map((item) => item.textContent))).toEqual(["none"]);
  });

  it("fetched nothing but the server, raised no error, and looks like a dashboard", async () => {
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
    const file = path.join(artifactFolder(), "serve-trend.png");
    const png = await page.screenshot({ path: file, fullPage: true });
    const { width, height } = pngSize(png);
    expect(width).toBe(1280);
    expect(height).toBeGreaterThan(600);
  });
});
