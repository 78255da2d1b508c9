// dockerfile-ast's modules require each other in a cycle that only its main module enters in a working order:
// it is imported first, and Instruction is taken from it.
import { Instruction } from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast/lib/dockerfile.js';
import { Parser } from 'dockerfile-ast/lib/parser.js';

/**
 * The members of dockerfile-ast 0.7.1's `Parser` (lib/parser.js) that LeanParser overrides or reads. They are
 * `private` in its type declarations, so the class is seen through this shape. The version is pinned in
 * package.json; test/unit and the Dockerfile rule cases cover every path below.
 */
interface ParserInternals {
  document: unknown;
  buffer: string;
  escapeChar: string;
  parse(buffer: string): Dockerfile;
  createInstruction(dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction;
  processHeredocs(instruction: Instruction, offset: number): number;
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

/**
 * dockerfile-ast's Parser, with less work per instruction. The stock parser builds each instruction twice
 * (once to look for heredocs, once to keep) as its typed class; the JSON-form classes (RUN, CMD, COPY, ADD,
 * ENTRYPOINT, SHELL, VOLUME...) split their arguments in their constructors, which was about a fifth of a
 * 1,000-Dockerfile scan. Here an instruction is built as a base `Instruction` unless its keyword is in TYPED
 * or its text holds `<<` (a possible heredoc: then it is built exactly as the stock parser builds it, so
 * heredoc bodies and `getHeredocs()` are unchanged). Without `<<` in its text an instruction has no heredoc,
 * so the heredoc search is skipped and the parse ends where the stock parser's does. The instructions' keywords
 * and ranges, the comments and the directives are the same as the stock parser's.
 */
class LeanParser extends ParserBase {
  override createInstruction(dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction {
    const marker = this.buffer.indexOf('<<', start);
    if ((marker !== -1 && marker < end) || TYPED.has(instruction.toUpperCase())) {
      return super.createInstruction(dockerfile, instruction, start, instructionEnd, end);
    }
    const doc = this.document as { positionAt(offset: number): Range['start'] };
    const startPosition = doc.positionAt(start);
    const instructionRange: Range = { start: startPosition, end: doc.positionAt(instructionEnd) };
    const lineRange: Range = { start: startPosition, end: doc.positionAt(end) };
    return new Instruction(this.document as Document, lineRange, dockerfile, this.escapeChar, instruction, instructionRange);
  }

  override processHeredocs(instruction: Instruction, offset: number): number {
    // A base Instruction is only built for text without `<<`: no heredoc starts in it.
    if (instruction.constructor === Instruction) return offset;
    return super.processHeredocs(instruction, offset);
  }
}

/**
 * Parses Dockerfile text as `DockerfileParser.parse` of dockerfile-ast does, with the instructions Bulwark
 * reads only from their text built as base `Instruction`s (see LeanParser). Never throws on any text.
 */
export function parseLean(text: string): Dockerfile {
  return new LeanParser().parse(text);
}
