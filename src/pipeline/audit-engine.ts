import { checkContainer, compareFindings, defaultSettings, type Finding, runRules, type SettingsLookup } from '../check/index.js';
import type { DaemonSpec, Diagnostic, ImageSpec, LiveContainerSpec } from '../model/index.js';
import { compareText } from '../model/index.js';
import { DAEMON_RULES, IMAGE_RULES, LIVE_RULES, RUNTIME_RULES, type Rule, type RuleMeta } from '../rules/index.js';
import {
  bridgeIcc,
  type ContainerContext,
  containerToSpec,
  EngineClient,
  type EngineEndpoint,
  type EngineSecurity,
  engineSecurity,
  imageToSpec,
  infoToDaemonSpec,
  readEngine,
  readImages,
} from '../sources/engine/index.js';

/** Options of one engine audit. */
export interface EngineAuditOptions {
  endpoint: EngineEndpoint;
  /** Include stopped containers. */
  all?: boolean;
  /** Engine list filters (`{ label: ['env=prod'], name: ['api'] }`). */
  filters?: Record<string, string[]>;
  /** Requests in flight at once; default 16. */
  concurrency?: number;
  /** Only the containers: no image rules over local images, no daemon rules over `docker info`. */
  containersOnly?: boolean;
  /** Run the daemon rules on `docker info` (default true); off when `audit host` already judged daemon.json. */
  daemon?: boolean;
  settings?: SettingsLookup;
  /** The audit's clock (for image age); default now. */
  now?: Date;
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
}

/** What an engine audit found, with the counts its summary shows. */
export interface EngineAuditResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
  containers: number;
  images: number;
  /** True when daemon rules ran on `docker info`. */
  daemonChecked: boolean;
  /** The engine audited, as a URL (`unix:///var/run/docker.sock`). */
  endpoint: string;
  apiVersion: string;
  serverVersion?: string;
  security?: EngineSecurity;
  /** Containers listed but removed before their inspect. */
  vanished: number;
  /** Metadata of the rules that ran. */
  rules: RuleMeta[];
  /** Violations per rule id, for the summary. */
  failuresByRule: Record<string, number>;
}

/**
 * Daemon rules whose every input `docker info` (plus the default bridge network) answers: insecure
 * registries, live restore, experimental features, the daemon seccomp profile, icc on the default bridge.
 * The others read settings the API does not show (TLS, userland proxy, log options, authorization plugins)
 * and run only on daemon.json and the systemd unit (`audit host`). A daemon rule that lists `engine` in its
 * `appliesTo` runs too.
 */
export const ENGINE_DAEMON_RULE_NAMES: ReadonlySet<string> = new Set([
  'no-insecure-registries',
  'require-live-restore',
  'no-experimental-features',
  'no-daemon-seccomp-unconfined',
  'require-icc-disabled',
]);

/**
 * Audits a live engine: lists containers (with `all` and `filters`), inspects each container and each
 * distinct image once with bounded concurrency, maps them to ContainerSpecs with live facts, and runs every
 * runtime rule plus the live rules on each; then, unless `containersOnly`, the image rules on every local
 * image and the engine-answerable daemon rules on `docker info`. A rule that throws becomes an `internal`
 * diagnostic for that subject; the audit goes on.
 * @throws EngineError when the engine cannot be reached or answers with an error.
 */
export async function auditEngine(opts: EngineAuditOptions): Promise<EngineAuditResult> {
  const settings = opts.settings ?? defaultSettings;
  const client = await EngineClient.connect(opts.endpoint, {
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  });
  try {
    const readOpts: Parameters<typeof readEngine>[1] = { all: opts.all === true };
    if (opts.filters) readOpts.filters = opts.filters;
    if (opts.concurrency !== undefined) readOpts.concurrency = opts.concurrency;
    if (opts.onProgress) readOpts.onProgress = opts.onProgress;
    const [snap, localImages] = await Promise.all([
      readEngine(client, readOpts),
      opts.containersOnly ? Promise.resolve([]) : readImages(client, opts.concurrency ?? 16),
    ]);
    const auditedAt = (opts.now ?? new Date()).toISOString();
    const icc = bridgeIcc(snap.bridge);
    const findings: Finding[] = [];
    const diagnostics: Diagnostic[] = [];
    const containerRules = [...RUNTIME_RULES, ...LIVE_RULES];
    // Only rules that ran on at least one subject count as run (report checklists say "not checked" otherwise).
    const ran = new Map<string, RuleMeta>(snap.containers.length > 0 ? containerRules.map((r) => [r.meta.id, r.meta]) : []);
    const guard = (subject: string, source: string, fn: () => Finding[]) => {
      try {
        findings.push(...fn());
      } catch (e) {
        diagnostics.push({ code: 'internal', severity: 'error', message: `checking ${subject} failed: ${(e as Error).message}`, at: { source } });
      }
    };
    for (const j of snap.containers) {
      const ctx: ContainerContext = { auditedAt };
      const img = j.Image ? snap.images.get(j.Image) : undefined;
      if (img) ctx.image = img;
      if (icc !== undefined) ctx.defaultBridgeIcc = icc;
      const spec: LiveContainerSpec = containerToSpec(j, ctx);
      guard(`container "${spec.name}"`, spec.at.source, () => checkContainer(containerRules, spec, settings));
    }
    let images = 0;
    if (!opts.containersOnly) {
      const imageRules = IMAGE_RULES as readonly Rule<ImageSpec>[];
      if (localImages.length > 0) for (const r of imageRules) ran.set(r.meta.id, r.meta);
      for (const j of localImages) {
        const spec = imageToSpec(j);
        images++;
        if (imageRules.length > 0) guard(`image "${spec.name}"`, spec.at.source, () => runRules(imageRules, spec, spec.name, `image "${spec.name}"`, settings));
      }
      const daemonRules = (DAEMON_RULES as readonly Rule<DaemonSpec>[]).filter(
        (r) => ENGINE_DAEMON_RULE_NAMES.has(r.meta.name) || r.meta.appliesTo.includes('engine'),
      );
      if (snap.info && daemonRules.length > 0 && opts.daemon !== false) {
        for (const r of daemonRules) ran.set(r.meta.id, r.meta);
        const name = snap.info.Name || opts.endpoint.url;
        const spec = infoToDaemonSpec(snap.info, name, undefined, icc === undefined ? {} : { icc });
        guard(`engine "${name}"`, spec.at.source, () => runRules(daemonRules, spec, name, `the engine at ${opts.endpoint.url}`, settings));
      }
    }
    const failuresByRule: Record<string, number> = {};
    for (const f of findings) if (f.status === 'violation') failuresByRule[f.ruleId] = (failuresByRule[f.ruleId] ?? 0) + 1;
    const result: EngineAuditResult = {
      findings: findings.sort(compareFindings),
      diagnostics,
      containers: snap.containers.length,
      images,
      daemonChecked: !opts.containersOnly && opts.daemon !== false && snap.info !== undefined,
      endpoint: opts.endpoint.url,
      apiVersion: client.apiVersion,
      vanished: snap.vanished,
      rules: [...ran.values()].sort((a, b) => compareText(a.id, b.id)),
      failuresByRule,
    };
    if (snap.info?.ServerVersion) result.serverVersion = snap.info.ServerVersion;
    if (snap.info) result.security = engineSecurity(snap.info);
    return result;
  } finally {
    client.close();
  }
}
