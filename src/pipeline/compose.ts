import { basename, dirname } from 'node:path';
import { checkContainer, type Finding } from '../check/index.js';
import { type ContainerSpec, type Diagnostic, type Location, quoteName, quoteValue, type Sourced } from '../model/index.js';
import { RUNTIME_RULES } from '../rules/index.js';
import { composeFileSetting, groupProjects, isComposeFileName, scanComposeProject } from '../sources/compose/index.js';
import { whyUnreadable } from '../sources/fs.js';
import { buildPaths, checkDockerfile, checkInlineDockerfile, type InlinePlacer, imageDefaultsOf, missingTarget } from './dockerfile.js';
import type { ScanContext, SourceHandler } from './types.js';

/** Compose files: discovered by name, or any YAML file named on the command line. */
export const composeHandler: SourceHandler = {
  name: 'compose',
  kinds: ['compose'],
  matches(abs, explicit) {
    const name = basename(abs);
    return isComposeFileName(name) || (explicit && /\.ya?ml$/i.test(name) && !/^\.bulwark\.ya?ml$/.test(name));
  },
  scan(files, explicit, ctx) {
    const findings: Finding[] = [];
    const diagnostics: Diagnostic[] = [];
    const discovered = files.filter((f) => isComposeFileName(basename(f)));
    // Per folder, the files compose reads there: those COMPOSE_FILE names (environment, then the folder's .env), or
    // the default names; a file it does not read is a warning and judged as `-f` runs it (groupProjects).
    const projects = groupProjects(discovered, (abs) => ctx.fs.size(abs) !== undefined, {
      composeFile: (dir) => composeFileSetting(dir, ctx.fs, ctx.env, diagnostics),
      notes: diagnostics,
      display: (abs) => ctx.fs.display(abs),
    });
    for (const f of files) if (explicit.has(f) && !isComposeFileName(basename(f))) projects.push([f]);
    const read = new Set<string>();
    const claimed: { file: string; subjects: number }[] = [];
    let subjects = 0;
    for (const project of projects) {
      const r = scanComposeProject(project, ctx.fs, ctx.env);
      // The project's files and those its extends and include name: all count as files read.
      for (const f of project) read.add(f);
      for (const f of r.project.read) read.add(f);
      diagnostics.push(...r.diagnostics);
      for (const spec of r.specs) {
        subjects++;
        // A service that builds its image: its Dockerfile decides user and health check when compose does not,
        // and is checked here with the build context compose gives it.
        const paths = spec.build ? buildPaths(spec.build) : undefined;
        if (spec.build?.inline && spec.build.inline.value !== '') {
          // `dockerfile_inline` (compose takes an empty one as not set): the Dockerfile is in the compose file, and
          // is checked as a file with the same text would be, located in the compose file.
          const inline = spec.build.inline;
          const d = checkInlineDockerfile(spec.build, spec.name, ctx, placerOf(inline, [...project, ...r.project.read], ctx), spec.interpolated);
          if (d.defaults) spec.imageDefaults = d.defaults;
          findings.push(...d.findings);
          diagnostics.push(...d.diagnostics);
          subjects += d.subjects;
        } else if (spec.build && paths && ctx.fs.size(paths.dockerfile) === undefined) {
          // Not there: not an input error, the compose file is fine and its build context is just not part of this
          // scan. There and unreadable (a context folder without permission): an input error, as any unreadable input.
          const why = whyUnreadable(ctx.fs, paths.dockerfile);
          const shown = shownDockerfile(spec, ctx.fs.display(paths.dockerfile));
          diagnostics.push({
            code: 'unreadable',
            severity: why === undefined ? 'warning' : 'error',
            message: `service ${quoteName(spec.name)} builds from ${shown}, which ${why === undefined ? 'is not there' : `cannot be read (${why})`}; the image's user and health check stay unknown`,
            at: spec.build.at ?? spec.at,
          });
        } else if (spec.build && paths) {
          const defaults = imageDefaultsOf(spec.build, ctx);
          if (defaults) spec.imageDefaults = defaults;
          const badTarget = missingTarget(spec.build, ctx);
          if (badTarget)
            diagnostics.push({ code: 'unreadable', severity: 'warning', message: badTarget, at: spec.build.target?.at ?? spec.build.at ?? spec.at });
          const d = checkDockerfile(paths.dockerfile, paths.context, ctx, true);
          claimed.push({ file: paths.dockerfile, subjects: d.subjects });
          findings.push(...d.findings);
          diagnostics.push(...d.diagnostics);
          subjects += d.subjects;
          // A Dockerfile read but refused (an input error of its own: an over-long line, an unknown instruction) was
          // read too, as the Dockerfile handler counts it; one already checked in this scan gives nothing again.
          if (d.subjects > 0 || d.diagnostics.length > 0) read.add(paths.dockerfile);
        }
        findings.push(...checkContainer(RUNTIME_RULES, spec, ctx.settings));
      }
    }
    return { findings, diagnostics, files: read.size, read: [...read], subjects, claimed };
  },
  /** A folder's compose files form its projects, so they stay together; a YAML file named alone is its own. */
  split(files, explicit) {
    const byDir = new Map<string, string[]>();
    const alone: string[][] = [];
    for (const f of files) {
      if (explicit.has(f) && !isComposeFileName(basename(f))) {
        alone.push([f]);
        continue;
      }
      const d = dirname(f);
      const list = byDir.get(d);
      if (list) list.push(f);
      else byDir.set(d, [f]);
    }
    return [...byDir.values(), ...alone];
  },
};

/**
 * The Dockerfile a service builds from, for a message: where it is (`display`), or, when a variable gave part of its
 * build context or dockerfile (`context: "${GH}"`: it may hold a secret), both as written, through quoteValue.
 * A long path (a `build.dockerfile` of 300 characters) is cut by quoteValue too.
 */
function shownDockerfile(spec: ContainerSpec, display: string): string {
  const b = spec.build;
  if (b?.pieces) return `Dockerfile ${quoteValue(b.dockerfile, b.pieces.dockerfile)} of build context ${quoteValue(b.context, b.pieces.context)}`;
  // A path quoteValue would cut (past 120 characters) or mask is shown as it gives it, as the include, extends and
  // env_file errors show theirs; a plain short one as it is.
  const quoted = quoteValue(display);
  return quoted === `"${display}"` ? display : quoted;
}

/**
 * The placer of a `build.dockerfile_inline` value (see inlineLines), from the text of the compose file that writes
 * it: one of `files` (absolute paths the project read), read again through `ctx.fs`. Undefined when the value is
 * not a known string, or the file cannot be found or read again.
 */
function placerOf(inline: Sourced<string>, files: readonly string[], ctx: ScanContext): InlinePlacer | undefined {
  if (typeof inline.value !== 'string') return undefined;
  const file = files.find((f) => ctx.fs.display(f) === inline.at.source);
  let text: string | undefined;
  try {
    text = file === undefined ? undefined : ctx.fs.readText(file);
  } catch {
    text = undefined;
  }
  return text === undefined ? undefined : inlineLines(text, inline.value, inline.at);
}

/**
 * Where the lines of a `build.dockerfile_inline` value stand in the compose file `text` (as read; `at` is the
 * value's Location, with offsets, as the compose source gives it: a block scalar's starts where its text does, on
 * its first line that holds text, after the indentation; the value's leading empty lines are the blank lines above).
 * For a literal block scalar (`|`, `|-`, `|+`, `|2`...) line N of the value is line N of the file after the
 * indicator's line, every column moved right by the block's indentation: the placer maps a Location in the value
 * (line 1 is its first line) to one in the file, offsets included, an end past the value's last line to the end of
 * that line. A `$$` (compose's escape for `$`) moves the columns after it. Undefined when the lines do not map one
 * to one: a folded (`>`), quoted or plain scalar, a value whose lines are not the file's lines as written (a
 * variable's text replaced part of them), or a file that changed since it was parsed. Each line of the value is
 * compared with the file's, so a placer is never wrong.
 */
export function inlineLines(text: string, value: string, at: Location): InlinePlacer | undefined {
  if (at.offset === undefined || at.line === undefined) return undefined;
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  // The file's line at 1-based line `n`, without its line break.
  const fileLine = (n: number): string | undefined => {
    const s = starts[n - 1];
    if (s === undefined) return undefined;
    const line = text.slice(s, (starts[n] ?? text.length + 1) - 1);
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  };
  const lines = value.split('\n');
  if (value.endsWith('\n')) lines.pop();
  // The value's first line: its leading empty lines stand above the line `at` is on.
  let lead = 0;
  while (lines[lead] === '' && lead < lines.length - 1) lead++;
  const first = at.line - lead;
  // The line above is the header of a literal block scalar: `|` and its indicators last, before any comment.
  if (!/(?:^|[ \t])\|[1-9+-]*[ \t]*(?:#.*)?$/.test(fileLine(first - 1) ?? '')) return undefined;
  let indent: number | undefined;
  // Per line with a `$$` (compose's escape for `$`): the file column of each column of the value, 0-based.
  const columns = new Map<number, number[]>();
  for (let i = 0; i < lines.length; i++) {
    const raw = fileLine(first + i);
    const line = (lines[i] as string).replace(/\r$/, '');
    if (raw === undefined) return undefined;
    if (line === '') {
      if (!/^ *$/.test(raw)) return undefined;
      continue;
    }
    if (indent === undefined) {
      indent = raw.search(/[^ ]/);
      if (indent < 1) return undefined;
      // A block with an indentation indicator (`|2`) keeps spaces of the first line: the line's length decides.
      if (!raw.includes('$$')) indent = raw.length - line.length;
    }
    if (!/^ *$/.test(raw.slice(0, indent))) return undefined;
    const map = escapedColumns(raw.slice(indent), line);
    if (map === undefined) return undefined;
    if (map !== null) columns.set(i + 1, map);
  }
  if (indent === undefined) return undefined;
  const shift = indent;
  const last = lines.length;
  const place = (line: number, column: number): { line: number; column: number; offset: number } => {
    // Past the value's last line (the end of a text that ends with a line break): the end of its last line.
    const l = Math.min(Math.max(line, 1), last);
    const c = line > last ? (lines[last - 1] as string).length + 1 : column;
    const n = first + l - 1;
    const map = columns.get(l);
    const inFile = map ? (map[Math.min(c - 1, map.length - 1)] as number) + 1 : c;
    // An empty line of the value may be shorter than the indentation in the file.
    const col = Math.min(inFile + shift, (fileLine(n) as string).length + 1);
    return { line: n, column: col, offset: (starts[n - 1] as number) + col - 1 };
  };
  return (loc) => {
    if (loc.line === undefined) return { ...at };
    const a = place(loc.line, loc.column ?? 1);
    const out: Location = { source: at.source, line: a.line, column: a.column, offset: a.offset };
    if (loc.endLine !== undefined) {
      const b = place(loc.endLine, loc.endColumn ?? 1);
      out.endLine = b.line;
      out.endColumn = b.column;
      out.endOffset = b.offset;
    }
    if (loc.path !== undefined) out.path = loc.path;
    return out;
  };
}

/**
 * How a line of a compose value as written (`raw`, without its indentation) gives the line after interpolation
 * (`line`) when compose's only change was `$$` to `$`: null when they are the same, else the 0-based column in
 * `raw` of each column of `line` (and of its end); undefined when they differ otherwise (a variable was replaced).
 */
function escapedColumns(raw: string, line: string): number[] | null | undefined {
  if (raw === line) return null;
  const map: number[] = [];
  let i = 0;
  for (let j = 0; j < line.length; j++) {
    map.push(i);
    if (raw[i] === '$' && raw[i + 1] === '$' && line[j] === '$') i += 2;
    else if (raw[i] === line[j]) i++;
    else return undefined;
  }
  if (i !== raw.length) return undefined;
  map.push(i);
  return map;
}
