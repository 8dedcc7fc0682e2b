// The page `rampart serve` shows at `/`: the score trend per framework (Chart.js, served from this
// process: nothing is fetched from the internet), the latest scan's failing controls, and what
// changed since the previous scan. The page holds no data: its script asks the API with the token
// the user types (kept for the browser tab only), and writes every value as text, never as markup.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface PageAsset {
  readonly type: string;
  readonly body: () => string | Buffer;
}

const chartFile = path.join(path.dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js");
let chartSource: Buffer | undefined;

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rampart — posture over time</title>
<link rel="stylesheet" href="/assets/trend.css">
<script src="/assets/chart.umd.min.js" defer></script>
<script src="/assets/trend.js" defer></script>
</head>
<body>
<header><h1>Rampart</h1><p id="subtitle">Compliance over time</p></header>
<main>
<section id="login" hidden>
  <h2>API token</h2>
  <form id="login-form">
    <label>Token <input id="token" type="password" autocomplete="off" required></label>
    <button type="submit">Show</button>
  </form>
  <p id="login-error" class="error" role="alert"></p>
</section>
<section id="content" hidden>
  <div id="cards" class="cards"></div>
  <h2>Compliance score per framework</h2>
  <div class="chart"><canvas id="trend" aria-label="compliance score per framework over time" role="img"></canvas></div>
  <div class="columns">
    <div>
      <h2>Failing controls in the latest scan</h2>
      <table id="failing"><thead><tr><th>Severity</th><th>Control</th><th>Failed</th><th>Score</th></tr></thead><tbody></tbody></table>
      <p id="failing-none" class="muted" hidden>No control fails.</p>
    </div>
    <div>
      <h2>Since the previous scan</h2>
      <p id="changes-summary" class="muted"></p>
      <h3>New findings</h3><ul id="changes-new" class="findings"></ul>
      <h3>Fixed</h3><ul id="changes-fixed" class="findings"></ul>
    </div>
  </div>
</section>
<p id="empty" class="muted" hidden>No scan is stored yet.</p>
</main>
</body>
</html>
`;

const CSS = `:root { --fg: #1d2330; --muted: #5d6675; --line: #dde2ea; --bg: #f6f8fb; --card: #fff;
  --critical: #8b1a1a; --high: #c2410c; --medium: #a16207; --low: #4b5563; --good: #15803d; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 28px; background: #101827; color: #fff; display: flex; align-items: baseline; gap: 16px; }
header h1 { margin: 0; font-size: 20px; } header p { margin: 0; color: #c7cfdb; }
main { padding: 20px 28px; max-width: 1280px; }
h2 { font-size: 16px; margin: 22px 0 10px; } h3 { font-size: 13px; margin: 14px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 150px; }
.card .label { color: var(--muted); font-size: 12px; } .card .value { font-size: 22px; font-weight: 600; }
.chart { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px; height: 340px; }
.columns { display: grid; grid-template-columns: 3fr 2fr; gap: 24px; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f6; font-weight: 600; font-size: 12px; }
.sev { font-weight: 600; } .sev-Critical { color: var(--critical); } .sev-High { color: var(--high); } .sev-Medium { color: var(--medium); } .sev-Low { color: var(--low); }
.findings { list-style: none; padding: 0; margin: 0; } .findings li { padding: 4px 0; border-bottom: 1px dashed var(--line); }
.findings .object { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
.muted { color: var(--muted); } .error { color: var(--critical); } .up { color: var(--good); } .down { color: var(--critical); }
form { display: flex; gap: 8px; align-items: center; } input { padding: 6px 8px; min-width: 280px; }
button { padding: 6px 14px; }
`;

/** The page's script: plain browser JavaScript (no build step), values always written as text. */
const SCRIPT = `"use strict";
(function () {
  var KEY = "rampart-token";
  var COLORS = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2", "#4b5563"];
  var SEVERITY = { Critical: 0, High: 1, Medium: 2, Low: 3 };
  function $(id) { return document.getElementById(id); }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function pct(value) { return value === null || value === undefined ? "n/a" : value.toFixed(2) + "%"; }
  function api(path) {
    return fetch(path, { headers: { authorization: "Bearer " + sessionStorage.getItem(KEY) } }).then(function (response) {
      if (response.status === 401) { var error = new Error("the token was refused"); error.unauthorized = true; throw error; }
      if (!response.ok) return response.json().then(function (body) { throw new Error(body.error || response.statusText); });
      return response.json();
    });
  }
  function showLogin(message) {
    $("content").hidden = true; $("login").hidden = false; $("login-error").textContent = message || "";
  }
  function objectName(finding) {
    return finding.kind + " " + (finding.namespace ? finding.namespace + "/" : "") + finding.name;
  }
  function card(label, value, extra) {
    var box = el("div", null, "card");
    box.appendChild(el("div", label, "label"));
    box.appendChild(el("div", value, "value"));
    if (extra) box.appendChild(extra);
    $("cards").appendChild(box);
  }
  function drawTrend(scans) {
    var names = [];
    scans.forEach(function (scan) { scan.frameworks.forEach(function (f) { if (names.indexOf(f.name) < 0) names.push(f.name); }); });
    var datasets = names.map(function (name, index) {
      return {
        label: name,
        data: scans.map(function (scan) {
          var f = scan.frameworks.filter(function (x) { return x.name === name; })[0];
          return { x: Date.parse(scan.date), y: f ? f.score : null };
        }).filter(function (point) { return point.y !== null; }),
        borderColor: COLORS[index % COLORS.length], backgroundColor: COLORS[index % COLORS.length],
        tension: 0.2, pointRadius: 3,
      };
    });
    datasets.push({
      label: "overall", data: scans.map(function (scan) { return { x: Date.parse(scan.date), y: scan.score }; }),
      borderColor: "#111827", backgroundColor: "#111827", borderDash: [6, 4], tension: 0.2, pointRadius: 2,
    });
    // Dates to the minute; to the second when the scans span less than an hour.
    var span = scans.length > 1 ? Date.parse(scans[scans.length - 1].date) - Date.parse(scans[0].date) : 0;
    var width = span < 3600000 ? 19 : 16;
    new window.Chart($("trend"), {
      type: "line",
      data: { datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false, parsing: false,
        scales: {
          x: { type: "linear", ticks: { callback: function (value) { return new Date(value).toISOString().slice(0, width).replace("T", " "); }, maxTicksLimit: 8 } },
          y: { min: 0, max: 100, title: { display: true, text: "compliance score (%)" } },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }
  function showFailing(report) {
    var body = $("failing").querySelector("tbody");
    var failing = report.results.filter(function (c) { return c.status === "failed"; }).sort(function (a, b) {
      return (SEVERITY[a.severity] - SEVERITY[b.severity]) || a.controlID.localeCompare(b.controlID);
    });
    failing.forEach(function (control) {
      var row = el("tr");
      row.appendChild(el("td", control.severity, "sev sev-" + control.severity));
      row.appendChild(el("td", control.controlID + " " + control.name));
      row.appendChild(el("td", control.resourceCounters.failed + " of " + control.resourceCounters.all));
      row.appendChild(el("td", pct(control.complianceScore)));
      body.appendChild(row);
    });
    $("failing-none").hidden = failing.length > 0;
  }
  function list(id, findings) {
    var target = $(id);
    if (findings.length === 0) { target.appendChild(el("li", "none", "muted")); return; }
    findings.slice(0, 50).forEach(function (finding) {
      var item = el("li");
      item.appendChild(el("span", finding.severity + " ", "sev sev-" + finding.severity));
      item.appendChild(el("span", finding.controlID + " "));
      item.appendChild(el("span", objectName(finding), "object"));
      target.appendChild(item);
    });
    if (findings.length > 50) target.appendChild(el("li", "… and " + (findings.length - 50) + " more", "muted"));
  }
  function load() {
    api("/v1/scans").then(function (body) {
      $("login").hidden = true;
      var scans = body.scans.slice().sort(function (a, b) { return a.date.localeCompare(b.date); });
      if (scans.length === 0) { $("empty").hidden = false; return; }
      $("content").hidden = false;
      var latest = scans[scans.length - 1];
      var previous = scans.length > 1 ? scans[scans.length - 2] : undefined;
      $("subtitle").textContent = scans.length + " scans, latest " + latest.date;
      var delta = null;
      if (previous && previous.score !== null && latest.score !== null) {
        var change = latest.score - previous.score;
        delta = el("div", (change >= 0 ? "+" : "") + change.toFixed(2) + " since the previous scan", change >= 0 ? "up" : "down");
      }
      card("Overall compliance", pct(latest.score), delta);
      latest.frameworks.forEach(function (f) { card(f.name, pct(f.score)); });
      card("Failed controls", latest.controls.failed + " of " + latest.controls.total);
      drawTrend(scans);
      api("/v1/scans/" + latest.id).then(showFailing);
      if (previous) {
        api("/v1/scans/" + previous.id + "/diff/" + latest.id).then(function (diff) {
          $("changes-summary").textContent = diff.counts.new + " new, " + diff.counts.fixed + " fixed, " +
            diff.counts.stillFailing + " still failing (scan " + previous.id + " → " + latest.id + ")";
          list("changes-new", diff.new);
          list("changes-fixed", diff.fixed);
        });
      } else {
        $("changes-summary").textContent = "This is the first scan.";
      }
    }).catch(function (error) {
      if (error.unauthorized) { sessionStorage.removeItem(KEY); showLogin("The token was refused."); }
      else showLogin(error.message);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    $("login-form").addEventListener("submit", function (event) {
      event.preventDefault();
      sessionStorage.setItem(KEY, $("token").value);
      load();
    });
    if (sessionStorage.getItem(KEY)) load(); else showLogin("");
  });
})();
`;

export const PAGE_ASSETS: ReadonlyMap<string, PageAsset> = new Map([
  ["/", { type: "text/html; charset=utf-8", body: () => HTML }],
  ["/index.html", { type: "text/html; charset=utf-8", body: () => HTML }],
  ["/assets/trend.css", { type: "text/css; charset=utf-8", body: () => CSS }],
  ["/assets/trend.js", { type: "text/javascript; charset=utf-8", body: () => SCRIPT }],
  [
    "/assets/chart.umd.min.js",
    {
      type: "text/javascript; charset=utf-8",
      body: () => {
        chartSource ??= readFileSync(chartFile);
        return chartSource;
      },
    },
  ],
]);
