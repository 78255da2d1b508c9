import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit } from 'yaml';
import type { ShellDialect } from './shell.js';

/** A piece of shell text inside a file: `text` starts at offset `base` of the file. */
export interface ShellBlock {
  text: string;
  base: number;
  dialect: ShellDialect;
  /**
   * Set when the text is not a command but the options of a `docker create` the GitHub Actions runner builds
   * (`jobs.<id>.container.options`, `jobs.<id>.services.<name>.options`): the container's name in findings, the
   * offsets of the `options` key, and its `image:` value.
   */
  createOptions?: { subject: string; key: { start: number; end: number }; image?: ShellBlock };
}

/** The kinds of files that hold run lines; `command` is a command given as text (`scan --command`). */
export type RunFileKind = 'shell' | 'makefile' | 'github-workflow' | 'gitlab-ci' | 'systemd' | 'markdown' | 'command';

const SHELLS = /^#!\s*(?:\/usr)?\/bin\/(?:env\s+(?:-S\s+)?)?(?:sh|bash|dash|ash|ksh|zsh|busybox\s+sh)\b/;

/** True when the text starts with a shebang naming a POSIX-like shell (`#!/bin/sh`, `#!/usr/bin/env bash`). */
export function hasShellShebang(text: string): boolean {
  return SHELLS.test(text.slice(0, 200));
}

/**
 * The kind of run-line file a path names, from its name alone: `*.sh`/`*.bash`, `Makefile`/`GNUmakefile`/`*.mk`,
 * `.github/workflows/*.yml` and composite actions' `action.yml`, `.gitlab-ci.yml`, `*.service`, `*.md`. Shebang scripts without an extension are
 * recognised by content (hasShellShebang).
 */
export function runFileKind(path: string): RunFileKind | undefined {
  const p = path.replace(/\\/g, '/');
  const name = p.slice(p.lastIndexOf('/') + 1);
  if (/\.(sh|bash)$/i.test(name)) return 'shell';
  if (/^(GNUmakefile|makefile|Makefile)$/.test(name) || /\.mk$/.test(name)) return 'makefile';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(p)) return 'github-workflow';
  if (name === 'action.yml' || name === 'action.yaml') return 'github-workflow';
  if (/^\.gitlab-ci\.ya?ml$/.test(name) || /(^|\/)\.gitlab\/ci\/[^/]+\.ya?ml$/.test(p)) return 'gitlab-ci';
  if (/\.service$/.test(name)) return 'systemd';
  if (/\.(md|markdown)$/i.test(name)) return 'markdown';
  return undefined;
}

/** Replaces every character of `s` but newlines with spaces, keeping offsets. */
function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/**
 * The shell blocks of a file of the given kind, each positioned in the file so that lexed offsets are file
 * offsets. Text that is not shell (Markdown output lines, a recipe's `@`/`-` prefix, systemd `-`/`@` prefixes)
 * is blanked with spaces rather than removed, so columns stay exact.
 */
export function extractShell(kind: RunFileKind, text: string): { blocks: ShellBlock[]; errors: { offset: number; message: string }[] } {
  switch (kind) {
    case 'shell':
      return { blocks: [{ text, base: 0, dialect: 'sh' }], errors: [] };
    case 'command':
      return { blocks: [{ text, base: 0, dialect: 'doc' }], errors: [] };
    case 'makefile':
      return { blocks: makefileRecipes(text), errors: [] };
    case 'systemd':
      return { blocks: systemdExecs(text), errors: [] };
    case 'markdown':
      return { blocks: markdownBlocks(text), errors: [] };
    case 'github-workflow':
    case 'gitlab-ci':
      return yamlBlocks(kind, text);
  }
}

/** Makefile recipe lines (tab-indented), continuation lines joined, the `@`, `-`, `+` prefixes blanked. */
function makefileRecipes(text: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  let offset = 0;
  let inRecipe = false;
  let current: ShellBlock | undefined;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (current) {
      // The previous recipe line ended with a backslash: make hands both lines to one shell.
      current.text += `\n${line.replace(/^\t/, ' ')}`;
    } else if (inRecipe && line.startsWith('\t')) {
      current = { text: line.replace(/^\t[@+-]*/, (m) => ' '.repeat(m.length)), base: start, dialect: 'make' };
      blocks.push(current);
    } else {
      if (/^[^\s#][^=]*:(?!=)/.test(line) && !/^\s*(export|override|define|ifeq|ifneq|ifdef|ifndef|include)\b/.test(line)) {
        inRecipe = true;
        // A rule with an inline recipe: `target: deps ; command`.
        const semi = line.indexOf(';');
        if (semi !== -1) {
          current = {
            text: blank(line.slice(0, semi + 1)) + line.slice(semi + 1).replace(/^\s*[@+-]*/, (m) => ' '.repeat(m.length)),
            base: start,
            dialect: 'make',
          };
          blocks.push(current);
        }
      } else if (line.trim() !== '' && !line.startsWith('#')) inRecipe = false;
    }
    if (current && !/\\\r?$/.test(line)) current = undefined;
  }
  return blocks;
}

/** `ExecStart=`, `ExecStartPre=`, `ExecStartPost=`, `ExecReload=` values of a systemd unit, with continuations. */
function systemdExecs(text: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  const re = /^[ \t]*(ExecStart|ExecStartPre|ExecStartPost|ExecReload)[ \t]*=/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let start = m.index + m[0].length;
    let end = start;
    for (;;) {
      const nl = text.indexOf('\n', end);
      end = nl === -1 ? text.length : nl;
      if (/\\\r?$/.test(text.slice(start, end)) && nl !== -1) end = nl + 1;
      else break;
    }
    let body = text.slice(start, end);
    const prefix = /^[ \t]*[-@+!:|]*/.exec(body)?.[0] ?? '';
    body = ' '.repeat(prefix.length) + body.slice(prefix.length);
    blocks.push({ text: body, base: start, dialect: 'systemd' });
    start = end;
  }
  return blocks;
}

const SHELL_INFO = /^(sh|bash|shell|console|shell-session|zsh)\b/i;

/**
 * Fenced code blocks whose info string is sh, bash, shell or console. A leading `$ ` prompt is stripped; when a
 * block uses prompts, lines without one (command output) are left out, except continuations of a prompted line.
 */
function markdownBlocks(text: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let fence: { marker: string; body: { line: string; start: number }[]; shell: boolean } | undefined;
  for (const line of lines) {
    const start = offset;
    offset += line.length + 1;
    if (!fence) {
      // Any indentation: fences inside list items are indented by the item.
      const m = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
      if (m) fence = { marker: m[1] as string, body: [], shell: SHELL_INFO.test(m[2] ?? '') };
      continue;
    }
    const close = new RegExp(`^\\s*${(fence.marker[0] as string) === '`' ? '`' : '~'}{${fence.marker.length},}\\s*$`);
    if (close.test(line)) {
      if (fence.shell && fence.body.length > 0) blocks.push(promptBlock(fence.body));
      fence = undefined;
      continue;
    }
    fence.body.push({ line, start });
  }
  return blocks;
}

function promptBlock(body: { line: string; start: number }[]): ShellBlock {
  const prompted = body.some((b) => /^\s*\$ /.test(b.line));
  let text = '';
  let cont = false;
  for (const b of body) {
    let l = b.line;
    if (prompted) {
      const m = /^\s*\$ /.exec(l);
      if (m) l = ' '.repeat(m[0].length) + l.slice(m[0].length);
      else if (!cont) l = blank(l);
    }
    cont = /\\\r?$/.test(l);
    text += `${l}\n`;
  }
  const first = body[0] as { start: number };
  return { text: text.slice(0, -1), base: first.start, dialect: 'doc' };
}

/**
 * GitHub Actions `run:` values under `steps:`, and GitLab CI `script:`, `before_script:` and `after_script:`
 * items. Block scalars are taken from the file as they are (indentation is blank space to the shell), so
 * offsets are file offsets.
 */
function yamlBlocks(kind: 'github-workflow' | 'gitlab-ci', text: string): { blocks: ShellBlock[]; errors: { offset: number; message: string }[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, keepSourceTokens: false, uniqueKeys: false });
  const errors = doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0] as string }));
  if (errors.length > 0) return { blocks: [], errors };
  const blocks: ShellBlock[] = [];
  const dialect: ShellDialect = kind === 'github-workflow' ? 'github' : 'sh';
  const take = (node: unknown) => {
    if (isScalar(node) && typeof node.value === 'string') {
      const b = scalarBlock(node, text, dialect);
      if (b) blocks.push(b);
    } else if (isSeq(node)) for (const item of node.items) take(item);
  };
  visit(doc, {
    Pair(_key, pair, path) {
      const k = isScalar(pair.key) ? pair.key.value : undefined;
      if (kind === 'github-workflow') {
        if (k === 'run' && path.some((p) => isSeq(p)) && isScalar(pair.value)) take(pair.value);
      } else if ((k === 'script' || k === 'before_script' || k === 'after_script') && path.some((p) => isMap(p))) take(pair.value);
      return undefined;
    },
  });
  if (kind === 'github-workflow') blocks.push(...containerOptions(doc.get('jobs', true), text));
  return { blocks, errors: [] };
}

/**
 * The `options:` of each job container (`jobs.<id>.container`) and service container (`jobs.<id>.services.<name>`)
 * given as a map: docker create options, which the runner passes to `docker create` with the container's
 * `image:`. A container given as an image name alone, or without `options:`, sets no option and is not read.
 */
function containerOptions(jobs: unknown, text: string): ShellBlock[] {
  const out: ShellBlock[] = [];
  if (!isMap(jobs)) return out;
  const read = (container: unknown, subject: string) => {
    if (!isMap(container)) return;
    const pair = container.items.find((p) => isScalar(p.key) && p.key.value === 'options');
    if (!pair || !isScalar(pair.key) || !pair.key.range || !isScalar(pair.value) || typeof pair.value.value !== 'string') return;
    const block = scalarBlock(pair.value, text, 'github');
    if (!block) return;
    const imageNode = container.get('image', true);
    const image = isScalar(imageNode) && typeof imageNode.value === 'string' ? scalarBlock(imageNode, text, 'github') : undefined;
    const key = { start: pair.key.range[0], end: pair.key.range[1] };
    out.push({ ...block, createOptions: image ? { subject, key, image } : { subject, key } });
  };
  for (const job of jobs.items) {
    if (!isScalar(job.key) || !isMap(job.value)) continue;
    const id = String(job.key.value);
    read(job.value.get('container', true), `jobs.${id}.container`);
    const services = job.value.get('services', true);
    if (!isMap(services)) continue;
    for (const svc of services.items) if (isScalar(svc.key)) read(svc.value, `jobs.${id}.services.${String(svc.key.value)}`);
  }
  return out;
}

function scalarBlock(node: Scalar, text: string, dialect: ShellDialect): ShellBlock | undefined {
  const range = node.range;
  if (!range) return undefined;
  const [start, valueEnd] = range;
  const value = node.value as string;
  switch (node.type) {
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED: {
      const nl = text.indexOf('\n', start);
      if (nl === -1 || nl >= valueEnd) return undefined;
      let body = text.slice(nl + 1, valueEnd);
      if (node.type === Scalar.BLOCK_FOLDED) body = body.replace(/\n(?=[ \t]*\S)/g, ' ');
      return { text: body, base: nl + 1, dialect };
    }
    case Scalar.QUOTE_SINGLE:
    case Scalar.QUOTE_DOUBLE: {
      const inner = text.slice(start + 1, valueEnd - 1);
      return { text: inner === value ? inner : value, base: start + 1, dialect };
    }
    default: {
      const raw = text.slice(start, valueEnd);
      return { text: raw.replace(/\n/g, ' '), base: start, dialect };
    }
  }
}
