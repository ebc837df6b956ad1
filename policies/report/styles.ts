/** The report's only stylesheet, inlined in every page: no fonts, images or scripts are fetched. */
export const STYLES = `
:root{--ink:#1b2330;--muted:#5b6675;--line:#d8dee6;--panel:#f5f7fa;--navy:#0b2545;--blue:#1d4e89;
--critical:#7f1d1d;--high:#c2410c;--medium:#a16207;--low:#475569;--pass:#166534;--fail:#b91c1c;--amber:#b45309}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
header.top{background:var(--navy);color:#fff;padding:18px 32px}
header.top .brand{font-size:13px;letter-spacing:.08em;text-transform:uppercase;opacity:.8}
header.top h1{margin:4px 0 0;font-size:24px;font-weight:600}
header.top nav{margin-top:6px;font-size:13px}
header.top a{color:#cfe0f5}
main{max-width:1180px;margin:0 auto;padding:24px 32px 48px}
h2{font-size:19px;margin:32px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--navy)}
main>section:first-child>h2{margin-top:4px}
h3{font-size:15px;margin:20px 0 8px}
a{color:var(--blue)}
.muted{color:var(--muted)}
.verdict{display:flex;align-items:center;gap:16px;padding:14px 18px;border-radius:6px;border:1px solid;margin:8px 0 18px}
.verdict.pass{background:#ecf8f0;border-color:#9fd4b0}
.verdict.fail{background:#fdeeee;border-color:#f0b4b4}
.verdict .word{font-size:22px;font-weight:700;letter-spacing:.04em}
.verdict.pass .word{color:var(--pass)}
.verdict.fail .word{color:var(--fail)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(104px,1fr));gap:10px;margin:10px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--panel);border-top:4px solid var(--line)}
.card .n{font-size:26px;font-weight:700;line-height:1.1}
.card .l{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.card .s{font-size:12px;color:var(--muted)}
.card.critical{border-top-color:var(--critical)}.card.high{border-top-color:var(--high)}
.card.medium{border-top-color:var(--medium)}.card.low{border-top-color:var(--low)}
table{border-collapse:collapse;width:100%;margin:6px 0 14px;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--panel);font-weight:600;white-space:nowrap}
th.sev{text-transform:capitalize}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:break-word}
code.rule-id{white-space:nowrap;overflow-wrap:normal}
.table-scroll{overflow-x:auto;max-width:100%;margin:6px 0 14px}
.table-scroll>table{margin:0}
td.prose{min-width:16em}
.table-scroll:focus-visible{outline:2px solid var(--blue);outline-offset:2px}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:#fff;white-space:nowrap}
.badge.critical{background:var(--critical)}.badge.high{background:var(--high)}
.badge.medium{background:var(--medium)}.badge.low{background:var(--low)}
.badge.pass,.badge.active{background:var(--pass)}.badge.fail,.badge.expired{background:var(--fail)}
.badge.expiring{background:var(--amber)}.badge.waived{background:#6b7280}.badge.unknown{background:#4338ca}
.badge.below{background:#64748b}
tr.expiring td{background:#fff7e6}
tr.expired td{background:#fdeeee}
tr.waived td{color:var(--muted)}
.principle{border:1px solid var(--line);border-radius:6px;padding:4px 14px 8px;margin:10px 0}
.principle h3{display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 12px}
.principle.gap{border-style:dashed}
.network{border:1px solid var(--line);border-radius:6px;background:#fbfcfe;padding:8px;text-align:center}
.network svg{display:block;margin:0 auto;max-width:100%;height:auto}
dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 16px;margin:8px 0}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
.signoff{border:2px solid var(--navy);border-radius:6px;padding:6px 18px 14px;margin-top:16px;page-break-inside:avoid}
.signoff table td{height:38px}
.signoff th.reviewer{width:22%}.signoff th.role{width:14%}
.signoff .box{display:inline-block;width:14px;height:14px;border:1.5px solid var(--ink);margin:0 6px -2px 14px}
footer{border-top:1px solid var(--line);margin-top:40px;padding-top:10px;font-size:12px;color:var(--muted)}
@media (max-width:600px){header.top{padding:14px 16px}main{padding:16px 16px 32px}
dl.meta{grid-template-columns:minmax(0,1fr)}dl.meta dd{margin-bottom:6px}.signoff{padding:6px 10px 12px}}
@media print{.table-scroll{overflow:visible}header.top{background:#fff;color:var(--ink);border-bottom:2px solid var(--navy)}header.top a{color:var(--ink)}
main{max-width:none;padding:0 8mm}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
`;
