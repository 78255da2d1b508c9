import { basename, dirname } from 'node:path';
import { type Finding, runRules } from '../check/index.js';
import type { Diagnostic } from '../model/index.js';
import { compareOrdinal } from '../model/index.js';
import { DAEMON_RULES } from '../rules/index.js';
import { buildDaemonSpec, directiveLocator, expandCommand, mergeService, parseDaemonJson, parseDockerdArgs, splitWords } from '../sources/daemon/index.js';
import { readProblem } from '../sources/fs.js';
import type { SourceHandler } from './types.js';

function isDropIn(abs: string): boolean {
  return abs.endsWith('.conf') && basename(dirname(abs)) === 'docker.service.d';
}

/**
 * daemon.json files and docker.service units and drop-ins kept in a repository. A daemon.json is judged as the
 * whole daemon configuration; a unit or a folder of drop-ins is partial (the daemon.json it runs with is elsewhere),
 * so only what it sets is judged, plus the seed §2.3 hardening directives.
 */
export const daemonHandler: SourceHandler = {
  name: 'daemon',
  kinds: ['daemon-json', 'systemd'],
  matches(abs, explicit) {
    const name = basename(abs);
    return name === 'daemon.json' || name === 'docker.service' || isDropIn(abs) || (explicit && /daemon.*\.json$/.test(name));
  },
  scan(files, _explicit, ctx) {
    const findings: Finding[] = [];
    const diagnostics: Diagnostic[] = [];
    let subjects = 0;
    let read = 0;
    const text = (abs: string): string | undefined => {
      try {
        return ctx.fs.readText(abs);
      } catch (e) {
        diagnostics.push({
          code: 'unreadable',
          severity: 'error',
          message: `cannot read: ${readProblem(e)}`,
          at: { source: ctx.fs.display(abs) },
        });
        return undefined;
      }
    };
    for (const f of files.filter((x) => x.endsWith('.json'))) {
      const t = text(f);
      if (t === undefined) continue;
      read++;
      const json = parseDaemonJson(t, ctx.fs.display(f));
      diagnostics.push(...json.diagnostics);
      const spec = buildDaemonSpec('daemon-json', json.source, json.rootAt ?? { source: json.source }, json, []);
      subjects++;
      findings.push(...runRules(DAEMON_RULES, spec, spec.name, spec.name, ctx.settings));
    }
    // Units: one group per folder holding docker.service and/or a docker.service.d folder of drop-ins.
    const groups = new Map<string, string[]>();
    for (const f of files) {
      if (f.endsWith('.json')) continue;
      const key = isDropIn(f) ? dirname(dirname(f)) : dirname(f);
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const group of groups.values()) {
      const ordered = group.sort((a, b) => (isDropIn(a) === isDropIn(b) ? compareOrdinal(basename(a), basename(b)) : isDropIn(a) ? 1 : -1));
      const loaded = ordered.flatMap((p) => {
        const t = text(p);
        return t === undefined ? [] : [{ path: p, display: ctx.fs.display(p), text: t }];
      });
      read += loaded.length;
      const unit = mergeService(loaded, (p) => ({ text: '', display: p }));
      diagnostics.push(...unit.diagnostics);
      const exec = unit.execStart[unit.execStart.length - 1];
      let flags: ReturnType<typeof parseDockerdArgs>['flags'] = [];
      if (exec) {
        const words = expandCommand(splitWords(exec.value, directiveLocator(exec)), unit.environment);
        const first = words[0];
        if (first && /(^|\/)dockerd$/.test(first.text.replace(/^[-@+!:]+/, ''))) {
          const r = parseDockerdArgs(words.slice(1));
          flags = r.flags;
          diagnostics.push(...r.diagnostics);
        }
      }
      const name = loaded[0]?.display ?? 'docker.service';
      const spec = buildDaemonSpec('systemd', name, exec?.keyAt ?? { source: name }, undefined, flags);
      spec.partial = true;
      spec.systemdService = unit.directives;
      spec.systemdUnit = exec?.keyAt ?? { source: name };
      subjects++;
      findings.push(...runRules(DAEMON_RULES, spec, spec.name, spec.name, ctx.settings));
    }
    return { findings, diagnostics, files: read, subjects };
  },
};
