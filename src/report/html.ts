import type { Finding } from '../check/index.js';
import { compareText } from '../model/index.js';
import { SEVERITIES } from '../rules/index.js';
import { printable } from './printable.js';
import { checklistSummary } from './summary.js';
import { type ReportInput, ruleDocUrl } from './types.js';

/**
 * Escapes text for HTML content and double-quoted attributes. Control characters (ESC, BEL, CR, NUL...) and
 * bidirectional controls from scanned names are shown as escapes (`\x1b`, `\r`), as in every other format
 * (see printable): raw, they would reach whoever views or pipes the file (`cat report.html` on a terminal).
 */
export function htmlEscape(s: string): string {
  return printable(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Inline code in rationale and remediation (`like this`) becomes <code>; everything else is escaped. */
function richText(s: string, cache?: Map<string, string>): string {
  const hit = cache?.get(s);
  if (hit !== undefined) return hit;
  const out = s
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${htmlEscape(part)}</code>` : htmlEscape(part)))
    .join('');
  cache?.set(s, out);
  return out;
}

const STYLE = `
:root{--crit:#7b1fa2;--high:#c62828;--med:#b26a00;--low:#00838f;--info:#1565c0;--ok:#2e7d32;--bg:#fafafa;--fg:#1b1b1b;--mute:#666}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:var(--bg);color:var(--fg)}
header,main{max-width:1200px;margin:0 auto;padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}.meta{color:var(--mute)}
.totals{display:flex;gap:8px;flex-wrap:wrap;margin-top:12px}.pill{border-radius:12px;padding:2px 10px;color:#fff;font-weight:600}
.sev-critical{background:var(--crit)}.sev-high{background:var(--high)}.sev-medium{background:var(--med)}.sev-low{background:var(--low)}.sev-info,.sev-unknown{background:var(--info)}
.plain{background:#e0e0e0;color:var(--fg)}
section{margin:20px 0}h2{font-size:17px;border-bottom:1px solid #ddd;padding-bottom:4px}
.checklist{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}
.section-card{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:10px 12px}.section-card h3{margin:0 0 2px;font-size:15px}
.section-card .fr{color:var(--mute);font-size:12px}.bar{display:flex;height:12px;border-radius:6px;overflow:hidden;background:#eee;margin:8px 0 4px}
.bar .pass{background:var(--ok)}.bar .fail{background:var(--high)}.counts{font-size:13px}
.filters{display:flex;gap:16px;flex-wrap:wrap;align-items:center;background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:8px 12px}
.filters label{white-space:nowrap}table{width:100%;border-collapse:collapse;background:#fff;margin-top:8px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #eee}th{background:#f0f0f0;font-weight:600}
td.loc{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere;min-width:16em}.pos{white-space:nowrap}details summary{cursor:pointer;color:#333}
details p{margin:4px 0}code{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f3f3f3;padding:0 3px;border-radius:3px}
.badge{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-size:12px;font-weight:600}tr[hidden]{display:none}
.empty{color:var(--mute);font-style:italic}`;

const SCRIPT = `
(function(){
  var boxes=[].slice.call(document.querySelectorAll('input[name="severity"]'));
  var source=document.getElementById('filter-source');
  var scope=document.getElementById('filter-scope');
  var rows=[].slice.call(document.querySelectorAll('#findings tbody tr'));
  var shown=document.getElementById('shown-count');
  function apply(){
    var sev={};boxes.forEach(function(b){sev[b.value]=b.checked;});
    var src=source.value,sc=scope.value,n=0;
    rows.forEach(function(r){var ok=sev[r.getAttribute('data-severity')]&&(src===''||r.getAttribute('data-source')===src)&&(sc===''||r.getAttribute('data-scope')===sc);r.hidden=!ok;if(ok)n++;});
    shown.textContent=String(n);
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  source.addEventListener('change',apply);
  scope.addEventListener('change',apply);
  apply();
})();`;

/** A location as HTML: the path may wrap anywhere, `:line:col` stays in one piece. */
function locationHtml(at: { source: string; line?: number; column?: number }): string {
  if (at.line === undefined) return htmlEscape(at.source);
  return `${htmlEscape(at.source)}<span class="pos">:${at.line}${at.column === undefined ? '' : `:${at.column}`}</span>`;
}

function severityOf(f: Finding): string {
  return f.status === 'unknown' ? 'unknown' : f.severity;
}

/**
 * Renders a self-contained HTML report (one file: inline CSS and script, no network, a Content-Security-Policy
 * that forbids loading anything): totals, a dashboard per seed §14 checklist section with pass/fail bars,
 * findings filterable by severity, source file and rule scope (compose and run lines: runtime; Dockerfiles:
 * dockerfile and image...), each with its location, message, rationale and
 * remediation, suppressed findings and input errors.
 */
export function renderHtml(input: ReportInput): string {
  const s = input.summary;
  const sevs = [...SEVERITIES, 'unknown'] as const;
  const sevCount = (sev: string) => input.findings.filter((f) => severityOf(f) === sev).length;
  const totals = [
    `<span class="pill plain" data-testid="total">${s.total} finding${s.total === 1 ? '' : 's'}</span>`,
    ...SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map((sev) => `<span class="pill sev-${sev}">${s.bySeverity[sev]} ${sev}</span>`),
    ...(s.unknown > 0 ? [`<span class="pill sev-unknown">${s.unknown} unknown</span>`] : []),
    ...(s.suppressed > 0 ? [`<span class="pill plain">${s.suppressed} suppressed</span>`] : []),
    ...(s.errors > 0 ? [`<span class="pill sev-high">${s.errors} input error${s.errors === 1 ? '' : 's'}</span>`] : []),
  ];
  const cards = checklistSummary(input.findings, input.rules).map((r) => {
    const pass = r.rules === 0 ? 0 : (100 * r.passed) / r.rules;
    const fail = r.rules === 0 ? 0 : 100 - pass;
    return `<div class="section-card" data-section="${r.id}" data-rules="${r.rules}" data-passed="${r.passed}" data-failed="${r.failed}">
<h3>${htmlEscape(r.title)}</h3><div class="fr">${htmlEscape(r.seedHeading)}</div>
<div class="bar" role="img" aria-label="${r.passed} of ${r.rules} rules pass"><div class="pass" style="width:${pass.toFixed(1)}%"></div><div class="fail" style="width:${fail.toFixed(1)}%"></div></div>
<div class="counts">${r.rules === 0 ? '<span class="empty">No rule of this section ran.</span>' : `<strong>${r.passed}</strong>/${r.rules} rules pass · <strong>${r.failed}</strong> fail · ${r.violations} finding${r.violations === 1 ? '' : 's'} · ${r.unknown} unknown`}</div>
</div>`;
  });
  const sources = [...new Set(input.findings.map((f) => f.location.source))].sort(compareText);
  const scopes = [...new Set(input.findings.map((f) => f.scope))].sort();
  const texts = new Map<string, string>(); // rationale and remediation repeat per rule: escape each once
  const rows = input.findings.map((f) => {
    const sev = severityOf(f);
    const cis = f.cis?.length ? ` · CIS ${f.cis.map(htmlEscape).join(', ')}` : '';
    return `<tr data-severity="${sev}" data-source="${htmlEscape(f.location.source)}" data-scope="${f.scope}" data-rule="${htmlEscape(f.ruleId)}">
<td><span class="badge sev-${sev}">${sev}</span></td>
<td class="loc">${locationHtml(f.location)}</td>
<td>${htmlEscape(f.message)}<details><summary>Why and what to do</summary><p><strong>Why:</strong> ${richText(f.rationale, texts)}</p><p><strong>What to do:</strong> ${richText(f.remediation, texts)}</p><p class="fr">Seed ${htmlEscape(f.seed)}${cis}</p></details></td>
<td><a href="${htmlEscape(ruleDocUrl(f.ruleName))}">${htmlEscape(f.ruleId)}</a><br><span class="fr">${htmlEscape(f.ruleName)}</span></td>
</tr>`;
  });
  const suppressed = input.suppressed.map(
    (x) =>
      `<tr><td>${htmlEscape(x.kind)}</td><td class="loc">${locationHtml(x.finding.location)}</td><td>${htmlEscape(x.finding.message)}</td><td>${htmlEscape(x.finding.ruleId)}</td><td>${htmlEscape(x.reason ?? '')}</td></tr>`,
  );
  const errors = input.diagnostics.map(
    (d) => `<tr><td>${d.severity}</td><td class="loc">${locationHtml(d.at)}</td><td>${htmlEscape(d.message)}</td><td>${htmlEscape(d.code)}</td></tr>`,
  );
  const filters = sevs
    .map((sev) => `<label><input type="checkbox" name="severity" value="${sev}" checked> ${sev} (<span data-count="${sev}">${sevCount(sev)}</span>)</label>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Bulwark ${htmlEscape(input.tool.version)}">
<title>Bulwark report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Bulwark report</h1>
<div class="meta">Bulwark ${htmlEscape(input.tool.version)} · ${htmlEscape(input.generatedAt)} · ${s.files} file${s.files === 1 ? '' : 's'}, ${s.subjects} ${htmlEscape(input.subjectWord)} checked · fails at ${htmlEscape(input.failOn)}${input.config ? ` · configuration ${htmlEscape(input.config.file)}` : ''}</div>
<div class="totals">${totals.join('')}</div>
</header>
<main>
<section id="checklist"><h2>Checklist (seed §14)</h2>
<div class="checklist">
${cards.join('\n')}
</div></section>
<section id="findings-section"><h2>Findings</h2>
<form class="filters" onsubmit="return false">
<span>Severity:</span>
${filters}
<label>Source: <select id="filter-source"><option value="">all files</option>${sources.map((x) => `<option value="${htmlEscape(x)}">${htmlEscape(x)}</option>`).join('')}</select></label>
<label>Scope: <select id="filter-scope"><option value="">all scopes</option>${scopes.map((x) => `<option value="${x}">${x}</option>`).join('')}</select></label>
<span>Showing <strong id="shown-count">${input.findings.length}</strong> of ${input.findings.length}</span>
</form>
${
  rows.length === 0
    ? '<p class="empty" id="no-findings">No findings.</p><table id="findings" hidden><tbody></tbody></table>'
    : `<table id="findings"><thead><tr><th>Severity</th><th>Location</th><th>Finding</th><th>Rule</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`
}
</section>
${
  suppressed.length > 0
    ? `<section id="suppressed"><h2>Suppressed (${suppressed.length})</h2><table><thead><tr><th>By</th><th>Location</th><th>Finding</th><th>Rule</th><th>Reason</th></tr></thead><tbody>
${suppressed.join('\n')}
</tbody></table></section>`
    : ''
}
${
  errors.length > 0
    ? `<section id="errors"><h2>Input errors (${errors.length})</h2><table><thead><tr><th>Level</th><th>Location</th><th>Problem</th><th>Code</th></tr></thead><tbody>
${errors.join('\n')}
</tbody></table></section>`
    : ''
}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
