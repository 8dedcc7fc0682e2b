// The stylesheet of the HTML report, inlined in the page: system fonts only, no images, nothing
// fetched, readable on screen and in print.

export const REPORT_CSS = `
:root {
  --ink: #1f2933; --muted: #61707f; --line: #dde3ea; --panel: #f5f7fa; --accent: #1d4ed8;
  --critical: #7e22ce; --high: #c62828; --medium: #b45309; --low: #0e7490;
  --good: #15803d; --fair: #b45309; --poor: #c62828;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
}
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
code { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; overflow-wrap: anywhere; }
header.report-header { background: #102a43; color: #f0f4f8; padding: 28px 40px 24px; }
header.report-header h1 { margin: 0 0 4px; font-size: 24px; font-weight: 650; letter-spacing: .2px; }
header.report-header .subtitle { margin: 0 0 16px; color: #bcccdc; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 18px; margin: 0; }
dl.meta dt { color: #9fb3c8; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
main { padding: 24px 40px 40px; max-width: 1280px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 14px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; background: #fff; }
.card .label { display: block; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .6px; }
.card .value { display: block; font-size: 30px; font-weight: 700; line-height: 1.2; margin-top: 4px; }
.card .note { color: var(--muted); font-size: 13px; }
.good { color: var(--good); } .fair { color: var(--fair); } .poor { color: var(--poor); } .na { color: var(--muted); }
.meter { height: 8px; background: var(--panel); border-radius: 4px; overflow: hidden; margin-top: 8px; border: 1px solid var(--line); }
.meter > span { display: block; height: 100%; }
.meter > span.good { background: var(--good); } .meter > span.fair { background: var(--fair); } .meter > span.poor { background: var(--poor); }
.severity-counts { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 8px; }
.sev { display: inline-block; min-width: 64px; text-align: center; border-radius: 10px; padding: 1px 8px; font-size: 12px; font-weight: 600; color: #fff; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); }
.sev-medium { background: var(--medium); } .sev-low { background: var(--low); }
.sev-count { font-weight: 700; margin-left: 4px; }
.frameworks { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 14px; }
.framework h3 { margin-bottom: 6px; }
.framework .scores { display: flex; gap: 24px; }
.framework .scores .value { font-size: 24px; }
table.controls { width: 100%; border-collapse: collapse; font-size: 13.5px; }
table.controls th { text-align: left; background: var(--panel); color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .5px; }
table.controls th, table.controls td { padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
table.controls td.num, table.controls th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.controls tr.skipped td { color: var(--muted); background: #fcfcfd; }
table.controls .control-id { font-weight: 600; margin-right: 2px; white-space: nowrap; }
table.controls .reason { display: block; font-size: 12.5px; font-style: italic; }
table.controls .mini { display: inline-block; width: 60px; height: 6px; background: var(--panel); border-radius: 3px; margin-left: 8px; vertical-align: middle; overflow: hidden; }
table.controls .mini > span { display: block; height: 100%; }
table.controls .mini > span.good { background: var(--good); } table.controls .mini > span.fair { background: var(--fair); } table.controls .mini > span.poor { background: var(--poor); }
.coverage { color: var(--muted); margin: 6px 0 0; }
article.object { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 14px; overflow: hidden; }
article.object > header { background: var(--panel); padding: 10px 14px; border-bottom: 1px solid var(--line); }
article.object > header .where { color: var(--muted); font-size: 12.5px; margin: 2px 0 0; overflow-wrap: anywhere; }
article.object > header .tally { float: right; font-size: 12.5px; color: var(--muted); }
ul.findings { list-style: none; margin: 0; padding: 0; }
li.finding { padding: 10px 14px; border-top: 1px solid var(--line); }
li.finding:first-child { border-top: 0; }
li.finding.accepted { background: #f6fbf7; }
.finding-head { font-weight: 600; }
.finding-head .status { font-weight: 500; font-size: 12px; margin-left: 6px; color: var(--muted); }
ul.violations { margin: 6px 0 0; padding-left: 20px; }
ul.violations li { margin: 4px 0; }
.detail { margin: 2px 0; color: var(--muted); font-size: 13px; }
.remediation { margin: 8px 0 0; font-size: 13px; }
.remediation b, .exception b { color: var(--ink); }
.exception { margin: 8px 0 0; padding: 6px 10px; border-left: 3px solid var(--good); background: #eef8f1; font-size: 13px; }
.error { color: var(--poor); }
ul.plain { margin: 0; padding-left: 20px; }
footer.report-footer { color: var(--muted); font-size: 12px; padding: 16px 40px 28px; border-top: 1px solid var(--line); }
@media print {
  header.report-header { background: none; color: var(--ink); border-bottom: 2px solid var(--ink); }
  dl.meta dt, header.report-header .subtitle { color: var(--muted); }
  article.object, tr { break-inside: avoid; }
}
`;
