import type * as Sarif from 'sarif';
import type { Finding } from '../check/index.js';
import type { Location } from '../model/index.js';
import { CHECKLIST, type RuleMeta, SEVERITIES, type Severity } from '../rules/index.js';
import { jsonPieces } from './json-pieces.js';
import { mdRuleText } from './markdown.js';
import { type ReportInput, ruleDocUrl } from './types.js';

/** The key of Bulwark's fingerprint in `partialFingerprints` (versioned so the hash may change later). */
export const SARIF_FINGERPRINT_KEY = 'bulwarkFindingHash/v1';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** SARIF `level` for a Bulwark severity: critical and high are errors, medium warnings, low and info notes. */
export function sarifLevel(sev: Severity): Sarif.ReportingConfiguration.level {
  return sev === 'critical' || sev === 'high' ? 'error' : sev === 'medium' ? 'warning' : 'note';
}

/**
 * The `security-severity` property GitHub code scanning reads (a CVSS-like score as a string):
 * critical 9.5, high 8.0, medium 5.5, low 3.0, info 0.0.
 */
export function securitySeverity(sev: Severity): string {
  return { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' }[sev];
}

/**
 * GitHub code scanning's limits on a rule's tags: it keeps 10, and rejects the whole upload over 20 ("Analysis
 * SARIF file rejected due to rule tag limits", docs.github.com, SARIF results limits).
 */
export const SARIF_MAX_TAGS = 10;

/**
 * A rule's SARIF tags: `security`, its scope, and its CIS items (`CIS-5.5`) while they fit in SARIF_MAX_TAGS; a
 * rule with more CIS items (BW5001 names 24 audited paths) ends with `CIS` instead of the rest. Every item stays
 * in the descriptor's `properties.cis.items`.
 */
export function sarifTags(m: RuleMeta): string[] {
  const items = m.references.cis?.items ?? [];
  const room = SARIF_MAX_TAGS - 2;
  const cis = items.length <= room ? items.map((i) => `CIS-${i}`) : [...items.slice(0, room - 1).map((i) => `CIS-${i}`), 'CIS'];
  return ['security', m.scope, ...cis];
}

function ruleDescriptor(m: RuleMeta): Sarif.ReportingDescriptor {
  const section = CHECKLIST.find((c) => c.id === m.checklist);
  const cis = m.references.cis ? `CIS Docker Benchmark ${m.references.cis.version}: ${m.references.cis.items.join(', ')}` : undefined;
  const refs = [`Seed chapter ${m.references.seed}`, ...(cis ? [cis] : []), `Checklist: ${section?.title ?? m.checklist}`];
  const tags = sarifTags(m);
  const d: Sarif.ReportingDescriptor = {
    id: m.id,
    name: m.name,
    shortDescription: { text: m.title },
    fullDescription: { text: m.rationale },
    help: {
      text: `${m.rationale}\n\nWhat to do: ${m.remediation}\n\n${refs.join('. ')}.`,
      markdown: `**${mdRuleText(m.title, false)}**\n\n${mdRuleText(m.rationale, false)}\n\n**What to do:** ${mdRuleText(m.remediation, false)}\n\n${refs.map((r) => `- ${r}`).join('\n')}\n\n[Rule page](${ruleDocUrl(m.name)})`,
    },
    helpUri: ruleDocUrl(m.name),
    defaultConfiguration: { level: sarifLevel(m.severity) },
    properties: {
      tags,
      precision: 'high',
      'security-severity': securitySeverity(m.severity),
      severity: m.severity,
      scope: m.scope,
      seed: m.references.seed,
      checklist: m.checklist,
      ...(m.references.cis ? { cis: { version: m.references.cis.version, items: m.references.cis.items } } : {}),
    },
  };
  return d;
}

/** True for a source that is a file path (as opposed to `container:api` or `<command>`). */
function isFileSource(source: string): boolean {
  return !source.startsWith('<') && !/^[a-z-]+:(?!\/\/)/.test(source.replace(/^[A-Za-z]:[\\/]/, ''));
}

function fileUri(source: string): string {
  return source
    .split(/[\\/]/)
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** A file path as a SARIF artifact location: relative to `%SRCROOT%` (the working directory), or a file:// URI. */
function artifactLocation(source: string): Sarif.ArtifactLocation {
  return source.startsWith('/') ? { uri: `file://${fileUri(source)}` } : { uri: fileUri(source), uriBaseId: '%SRCROOT%' };
}

/**
 * A finding's SARIF location. GitHub code scanning refuses a whole upload when one result has no
 * `physicalLocation.artifactLocation.uri` (its ingestion rule GH1001: "locationFromSarifResult: expected artifact
 * location"), so a finding on something that is not a file (`container:db` from `audit engine`, a `docker run` line
 * given with `--command`) also names an artifact: its source as a relative URI, each part percent-encoded
 * (`container%3Adb`; an unencoded `:` would read as a URI scheme) and a region (line 1 when the source has no lines), with
 * the object in `logicalLocations`.
 */
function sarifLocation(at: Location, subject: string | undefined): Sarif.Location {
  if (!isFileSource(at.source)) {
    // Without a line (a container's setting), the region is the object's one line, as image scanners write it.
    const physical: Sarif.PhysicalLocation = {
      artifactLocation: { uri: fileUri(at.source), uriBaseId: '%SRCROOT%' },
      region: at.line !== undefined ? sarifRegion(at, at.line) : { startLine: 1, endLine: 1 },
    };
    return {
      physicalLocation: physical,
      logicalLocations: [{ name: subject ?? at.source, fullyQualifiedName: at.path ? `${at.source}/${at.path}` : at.source, kind: 'object' }],
    };
  }
  const physical: Sarif.PhysicalLocation = { artifactLocation: artifactLocation(at.source) };
  if (at.line !== undefined) physical.region = sarifRegion(at, at.line);
  const loc: Sarif.Location = { physicalLocation: physical };
  if (at.path) loc.logicalLocations = [{ fullyQualifiedName: at.path, kind: 'member' }];
  return loc;
}

/** A location's region: 1-based line and column, as Bulwark's locations; an empty end column is left out. */
function sarifRegion(at: Location, line: number): Sarif.Region {
  const region: Sarif.Region = { startLine: line };
  if (at.column !== undefined) region.startColumn = at.column;
  if (at.endLine !== undefined) region.endLine = at.endLine;
  if (at.endColumn !== undefined && (at.endLine !== at.line || at.column === undefined || at.endColumn > at.column)) region.endColumn = at.endColumn;
  return region;
}

function result(f: Finding, ruleIndex: Map<string, number>): Sarif.Result {
  const r: Sarif.Result = {
    ruleId: f.ruleId,
    level: f.status === 'unknown' ? 'note' : sarifLevel(f.severity),
    message: { text: f.message },
    locations: [sarifLocation(f.location, f.subject)],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.fingerprint },
    properties: { severity: f.severity, status: f.status, subject: f.subject, checklist: f.checklist },
  };
  const i = ruleIndex.get(f.ruleId);
  if (i !== undefined) r.ruleIndex = i;
  return r;
}

/**
 * Renders a SARIF 2.1.0 log (one run) for GitHub code scanning and other SARIF readers: every rule that ran as
 * a descriptor (full description, help, helpUri to its doc page, CIS and seed references in `properties`),
 * results with regions (1-based line and column, as Bulwark's locations), `partialFingerprints` from the
 * finding's line-independent fingerprint, suppressed findings with `suppressions`, and input errors as
 * tool execution notifications. Relative paths resolve against `%SRCROOT%` = the working directory.
 */
export function renderSarif(input: ReportInput, opts: SarifOptions = {}): string {
  return `${JSON.stringify(sarifLog(input, opts), null, 2)}\n`;
}

/** renderSarif's text in pieces (see jsonPieces): what the CLI writes, so that no log is too long to write. */
export function* renderSarifPieces(input: ReportInput, opts: SarifOptions = {}): Generator<string, void, undefined> {
  yield* jsonPieces(sarifLog(input, opts));
  yield '\n';
}

/** The SARIF 2.1.0 log object of a report. */
/** GitHub code scanning rejects a run of more than this many results (docs.github.com, SARIF results limits). */
export const SARIF_MAX_RESULTS = 25_000;

/** Options of the SARIF reporter. */
export interface SarifOptions {
  /** At most this many results (default SARIF_MAX_RESULTS); the most serious are kept, and a notification counts the rest. */
  maxResults?: number;
}

/**
 * Keeps at most `max` results, the most serious (violations by severity, then unknowns, then suppressed findings),
 * in their report order. @param ranks one rank per result, lower is kept first
 */
function keepMostSerious<T>(results: T[], ranks: number[], max: number): T[] {
  if (results.length <= max) return results;
  const kept = new Set(
    results
      .map((_, i) => i)
      .sort((a, b) => (ranks[a] as number) - (ranks[b] as number) || a - b)
      .slice(0, max),
  );
  return results.filter((_, i) => kept.has(i));
}

function sarifLog(input: ReportInput, opts: SarifOptions = {}): Sarif.Log {
  const rules = [...input.rules];
  const known = new Set<string>(rules.map((m) => m.id));
  for (const f of [...input.findings, ...input.suppressed.map((s) => s.finding)]) {
    if (!known.has(f.ruleId)) {
      known.add(f.ruleId);
      // A finding of a rule not in the list (should not happen): a minimal descriptor keeps ruleIndex valid.
      rules.push({
        id: f.ruleId as RuleMeta['id'],
        name: f.ruleName,
        scope: f.scope,
        severity: f.severity,
        title: f.title,
        rationale: f.rationale,
        remediation: f.remediation,
        references: { seed: f.seed },
        checklist: f.checklist,
        appliesTo: [],
        messages: {},
      });
    }
  }
  const ruleIndex = new Map(rules.map((m, i) => [m.id as string, i]));
  let results = input.findings.map((f) => result(f, ruleIndex));
  for (const s of input.suppressed) {
    const r = result(s.finding, ruleIndex);
    const sup: Sarif.Suppression = { kind: s.kind === 'inline' ? 'inSource' : 'external', status: 'accepted' };
    if (s.reason !== undefined) sup.justification = s.reason;
    if (s.at !== undefined && isFileSource(s.at.source)) sup.location = sarifLocation(s.at, undefined);
    r.suppressions = [sup];
    results.push(r);
  }
  const notifications: Sarif.Notification[] = input.diagnostics.map((d) => ({
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: d.message },
    descriptor: { id: d.code },
    locations: [sarifLocation(d.at, undefined)],
  }));
  // Over GitHub's limit the whole upload is refused: the most serious results are kept, and the run says so.
  const max = opts.maxResults ?? SARIF_MAX_RESULTS;
  const all = results.length;
  if (all > max) {
    const rank = (f: Finding) => (f.status === 'unknown' ? SEVERITIES.length : SEVERITIES.indexOf(f.severity));
    const ranks = [...input.findings.map(rank), ...input.suppressed.map(() => SEVERITIES.length + 1)];
    results = keepMostSerious(results, ranks, max);
    notifications.push({
      level: 'warning',
      message: {
        text: `${all - max} of ${all} results left out: GitHub code scanning refuses a run of more than ${max}; the most serious are kept (the JSON report has every finding)`,
      },
      descriptor: { id: 'too-many-results' },
    });
  }
  const cwd = input.cwd.endsWith('/') ? input.cwd : `${input.cwd}/`;
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Bulwark',
            semanticVersion: input.tool.version,
            version: input.tool.version,
            informationUri: 'https://github.com/bulwark-hardening/bulwark',
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: input.summary.errors === 0,
            endTimeUtc: input.generatedAt,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${fileUri(cwd)}` } },
        // The configuration file in force, with the SARIF role for a file found by the tool or named by the user.
        ...(input.config
          ? {
              artifacts: [
                {
                  location: artifactLocation(input.config.file),
                  roles: [input.config.found ? 'toolSpecifiedConfiguration' : 'userSpecifiedConfiguration'],
                },
              ],
            }
          : {}),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return log;
}
