import type { ContainerSpec, Location, Sourced } from '../model/index.js';

/** Severities are Bulwark's own, from the seed's emphasis; CIS has levels, not severities. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Severities from the most to the least serious. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** What a rule reads (DESIGN.md "Rules"): the folder it lives in. `bulwark`: Bulwark's own hygiene (BW9xxx: suppressions). */
export type RuleScope = 'runtime' | 'dockerfile' | 'image' | 'daemon' | 'host' | 'supply-chain' | 'bulwark';

/** Where a subject was written. */
export type SourceKind = 'compose' | 'run' | 'engine' | 'proxy' | 'swarm' | 'dockerfile' | 'image' | 'daemon-json' | 'systemd' | 'host';

/** The seed §14 closing-checklist sections, in the seed's order. */
export type ChecklistSection = 'host-daemon' | 'images-build' | 'registry-deploy' | 'runtime' | 'network-secrets' | 'observability-audit';

/** Rule metadata: the single source of truth for docs, SARIF descriptors and messages (STYLE.md habit 1). */
export interface RuleMeta<M extends string = string> {
  /** Stable, never reused: 1xxx runtime, 2xxx dockerfile, 3xxx image, 4xxx daemon, 5xxx host, 6xxx supply chain, 9xxx Bulwark. */
  id: `BW${number}`;
  /** Kebab slug, also the file name: `no-privileged`. */
  name: string;
  scope: RuleScope;
  severity: Severity;
  title: string;
  /** Why it matters (the "why" of every finding). */
  rationale: string;
  /** What to do (the "what to do" of every finding). */
  remediation: string;
  references: {
    /** Seed chapter section, e.g. `§5.2`. */
    seed: string;
    cis?: { version: '1.6.0'; items: string[] };
    docs?: string[];
  };
  checklist: ChecklistSection;
  appliesTo: SourceKind[];
  fix?: 'safe' | 'unsafe';
  /** Message templates with `{placeholders}`; `{target}` is filled by the checker (`Service "api"`). */
  messages: Record<M, string>;
  /** Documented options with their defaults (set in `.bulwark.yaml`). */
  options?: Record<string, { description: string; default: unknown }>;
}

/** A finding as a rule reports it: the checker adds id, severity, text and location (STYLE.md 2.1). */
export interface ReportDescriptor<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  /** A model field (its location is used) or a Location. */
  at: Sourced<unknown> | Location;
  /** `unknown` when the rule cannot decide (DESIGN.md "Unknown is not a violation"); reported at info. */
  status?: 'violation' | 'unknown';
}

/** What a rule may use while checking: nothing but reporting and its options (rules are pure). */
export interface RuleContext<M extends string> {
  report(d: ReportDescriptor<M>): void;
  /** The rule's options: defaults from meta merged with configuration. */
  options: Readonly<Record<string, unknown>>;
}

/** A rule: metadata plus one pure function over a model subject. */
export interface Rule<S, M extends string = string> {
  meta: RuleMeta<M>;
  check(subject: S, ctx: RuleContext<M>): void;
}

/** A rule over ContainerSpec (compose services, run lines, live containers, proxy requests). */
export type RuntimeRule<M extends string = string> = Rule<ContainerSpec, M>;

/** Declares a rule with its message ids inferred (identity function, for typing). */
export function defineRule<S, M extends string>(rule: Rule<S, M>): Rule<S, M> {
  return rule;
}

/** Declares a runtime rule. */
export function runtimeRule<M extends string>(rule: RuntimeRule<M>): RuntimeRule<M> {
  return rule;
}
