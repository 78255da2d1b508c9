// dockerfile-ast's modules require each other in a cycle that only its main module enters in a working order:
// it is imported first, and Instruction is taken from it.
import { Instruction } from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast/lib/dockerfile.js';
import { Parser } from 'dockerfile-ast/lib/parser.js';
import { execFormOf } from './exec-form.js';
import { type HeredocBody, type HeredocMarker, heredocMarkers, readHeredocBodies } from './heredocs.js';

/**
 * The members of dockerfile-ast 0.7.1's `Parser` (lib/parser.js) that LeanParser overrides or reads. They are
 * `private` in its type declarations, so the class is seen through this shape. The version is pinned in
 * package.json; lean-parser.test.ts (a differential test against the stock parser) and the Dockerfile rule
 * cases cover every path below.
 */
interface ParserInternals {
  document: unknown;
  buffer: string;
  escapeChar: string;
  parse(buffer: string): Dockerfile;
  createInstruction(dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction;
  processHeredocs(instruction: Instruction, offset: number): number;
  processComment(dockerfile: Dockerfile, start: number): number;
}

/** A parse by LeanParser: dockerfile-ast's Dockerfile, and the heredocs of each instruction that has some. */
export interface LeanParse {
  doc: Dockerfile;
  /** Heredocs as BuildKit reads them, by the offset where their instruction starts. */
  heredocs: ReadonlyMap<number, HeredocBody[]>;
}

type Range = ReturnType<Instruction['getRange']>;
type Document = ConstructorParameters<typeof Instruction>[0];

const ParserBase = Parser as unknown as new () => ParserInternals;

/**
 * Keywords whose typed dockerfile-ast classes Bulwark reads: FROM (its arguments, and dockerfile-ast's build
 * stages), ARG, ENV and LABEL (their properties). Every other instruction is read from its text
 * (src/sources/dockerfile/parse.ts) and needs only what the base `Instruction` gives: keyword and ranges.
 */
const TYPED = new Set(['FROM', 'ARG', 'ENV', 'LABEL']);

/** Instructions that can hold heredocs (BuildKit: ADD, COPY and RUN, and ONBUILD for its trigger). */
const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN', 'ONBUILD']);

/**
 * dockerfile-ast's Parser, with less work per instruction and BuildKit's reading of heredocs.
 *
 * Less work: the stock parser builds each instruction twice (once to look for heredocs, once to keep) as its
 * typed class; the JSON-form classes (RUN, CMD, COPY, ADD, ENTRYPOINT, SHELL, VOLUME...) split their arguments
 * in their constructors, which was about a fifth of a 1,000-Dockerfile scan. Here an instruction is built as a
 * base `Instruction` unless its keyword is in TYPED.
 *
 * Heredocs as BuildKit reads them (heredocs.ts): the stock parser takes any argument that starts with `<<` for a
 * heredoc, also in an exec-form (JSON) RUN and inside quotes (`RUN echo "x <<EOF"`), and then swallowed the rest
 * of the file as the body of a heredoc that never ends: every later instruction went unchecked. It also missed
 * `3<<EOF`, `<< EOF` and a `<<-` beside a plain `<<`. BuildKit (frontend/dockerfile/parser: canContainHeredoc,
 * heredocsFromLine) reads heredocs only in shell form, from shell words with their quotes kept; so does this
 * parser, and it keeps each instruction's heredocs (`heredocs`) for parse.ts.
 */
class LeanParser extends ParserBase {
  /** The heredoc markers of the instruction starting at an offset, found once (it is built twice). */
  private readonly markersAt = new Map<number, HeredocMarker[]>();
  /** The heredocs read, by the offset where their instruction starts. */
  readonly heredocs = new Map<number, HeredocBody[]>();
  /** The instruction processHeredocs is called for: the last one built (dockerfile-ast builds it just before). */
  private last = { start: -1, instructionEnd: -1 };
  /** The first `<<` at or after `markerFrom` (-1: none), so that the search costs one pass over the text. */
  private marker = -2;
  private markerFrom = 0;

  override createInstruction(dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction {
    const keyword = instruction.toUpperCase();
    const heredocs = HEREDOC_KEYWORDS.has(keyword);
    if (heredocs && end === this.buffer.length && !this.heredocs.has(start)) {
      // The last instruction, with no line break after it: dockerfile-ast does not look for heredocs there, and
      // any it holds are unterminated (BuildKit refuses them).
      const markers = this.markersOf(keyword, start, instructionEnd, end);
      if (markers.length > 0) this.heredocs.set(start, readHeredocBodies(this.buffer, end, markers).bodies);
    } else if (heredocs) this.markersOf(keyword, start, instructionEnd, end);
    this.last = heredocs ? { start, instructionEnd } : { start: -1, instructionEnd: -1 };
    if (TYPED.has(keyword)) return super.createInstruction(dockerfile, instruction, start, instructionEnd, end);
    const doc = this.document as { positionAt(offset: number): Range['start'] };
    const startPosition = doc.positionAt(start);
    const instructionRange: Range = { start: startPosition, end: doc.positionAt(instructionEnd) };
    const lineRange: Range = { start: startPosition, end: doc.positionAt(end) };
    return new Instruction(this.document as Document, lineRange, dockerfile, this.escapeChar, instruction, instructionRange);
  }

  /**
   * Reads an instruction's arguments from `offset` (the first space after its keyword) to the end of its logical
   * line, as the stock method does, except for which escape characters continue a line. dockerfile-ast takes any
   * escape character before the line end for a continuation; BuildKit (frontend/dockerfile/parser, its
   * lineContinuationRegex `([^\\])\\[ \t]*$|^\\[ \t]*$`) only one that is not itself after an escape character,
   * or one alone on its line. So `RUN echo \\` ends its instruction, and the next line is an instruction of its
   * own, which the stock parser swallowed into the RUN (a `USER root` after it went unseen). Comment lines and empty
   * lines inside a continuation are skipped, and heredocs read, as the stock method does. Returns the offset where
   * the instruction ends.
   */
  processArguments(dockerfile: Dockerfile, instruction: string, instructionEnd: number, start: number, offset: number): number {
    const b = this.buffer;
    const esc = this.escapeChar;
    let escaped = false;
    for (let i = offset + 1; i < b.length; i++) {
      const c = b[i];
      if (c === '\r' || c === '\n') {
        if (escaped) continue;
        return this.processHeredocs(this.createInstruction(dockerfile, instruction, start, instructionEnd, i), i);
      }
      if (c === esc) {
        // Only spaces and tabs between the escape character and the line end: a continuation, unless the escape
        // character is itself escaped (the character before it is one too, and the line has more than it).
        let j = i + 1;
        while (b[j] === ' ' || b[j] === '\t') j++;
        const atLineEnd = j === b.length || b[j] === '\r' || b[j] === '\n';
        const escapedItself = b[i - 1] === esc && i - 1 >= offset;
        if (atLineEnd && j === b.length) return b.length;
        if (atLineEnd && !escapedItself) {
          escaped = true;
          i = b[j] === '\r' && b[j + 1] === '\n' ? j + 1 : j;
          continue;
        }
        if (!atLineEnd) {
          // An escaped character (the escape of a quote, a space...): both are argument text.
          escaped = false;
          i++;
        }
        continue;
      }
      if (c === '#' && escaped) {
        i = this.processComment(dockerfile, i);
        continue;
      }
      if (c !== ' ' && c !== '\t') escaped = false;
    }
    return b.length;
  }

  /** `offset`: where the instruction's logical line ends. Returns where the instruction ends (after its heredocs). */
  override processHeredocs(_instruction: Instruction, offset: number): number {
    const markers = this.last.start === -1 ? undefined : this.markersAt.get(this.last.start);
    if (markers === undefined || markers.length === 0) return offset;
    const { start } = this.last;
    const { bodies, end } = readHeredocBodies(this.buffer, offset, markers);
    this.heredocs.set(start, bodies);
    return end;
  }

  /**
   * The heredoc markers of the instruction's arguments (buffer[instructionEnd, end) the first time it is built:
   * its logical line): none unless they hold `<<`, and none in exec (JSON) form or in an ONBUILD whose trigger is
   * not ADD, COPY or RUN.
   */
  private markersOf(keyword: string, start: number, instructionEnd: number, end: number): HeredocMarker[] {
    const known = this.markersAt.get(start);
    if (known !== undefined) return known;
    let result: HeredocMarker[] = [];
    if (this.marker === -2 || this.marker < instructionEnd || this.markerFrom > instructionEnd) {
      this.markerFrom = instructionEnd;
      this.marker = this.buffer.indexOf('<<', instructionEnd);
    }
    if (this.marker !== -1 && this.marker < end) {
      // Comment lines inside a continuation are dropped before the line is read, as the builder drops them.
      const args = this.buffer.slice(instructionEnd, end).replace(/\n[ \t]*#[^\n]*/g, '\n');
      // ONBUILD: only a RUN, COPY or ADD trigger holds heredocs (BuildKit's canContainHeredoc reads the trigger).
      const trigger = keyword === 'ONBUILD' ? /^\s*(\S+)([\s\S]*)$/.exec(args) : null;
      const own = trigger ? ((trigger[1] as string).toUpperCase() === 'ONBUILD' ? '' : (trigger[1] as string).toUpperCase()) : keyword;
      const rest = trigger ? (trigger[2] as string) : args;
      if ((own === 'RUN' || own === 'COPY' || own === 'ADD') && !isExecForm(rest)) {
        result = heredocMarkers(this.buffer.slice(instructionEnd, end), instructionEnd, this.escapeChar);
      }
    }
    this.markersAt.set(start, result);
    return result;
  }
}

/**
 * True when the arguments, after any leading `--flag` words, are a JSON array of strings (exec form), which
 * BuildKit never reads heredocs from. Continuation lines are joined first.
 */
function isExecForm(args: string): boolean {
  const joined = args.replace(/[\\`][ \t]*\r?\n/g, ' ');
  return execFormOf(joined.replace(/^(\s*--\S+)*\s*/, '')) !== undefined;
}

/**
 * Parses Dockerfile text as `DockerfileParser.parse` of dockerfile-ast does, with the instructions Bulwark
 * reads only from their text built as base `Instruction`s, and `<<` read as BuildKit reads it (see LeanParser).
 * Never throws on any text.
 */
export function parseLean(text: string): LeanParse {
  const parser = new LeanParser();
  const doc = parser.parse(text);
  return { doc, heredocs: parser.heredocs };
}
