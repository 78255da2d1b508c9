import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Instruction as BaseInstruction, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { parseLean } from './lean-parser.js';

/** Everything of a parse that parse.ts reads, in plain data: compared between the stock and the lean parser. */
function projection(doc: ReturnType<typeof DockerfileParser.parse>): unknown {
  const heredocs = (ins: Instruction) =>
    (ins as unknown as { getHeredocs(): { getName(): string; getContentRange(): unknown; getDelimiterRange(): unknown }[] })
      .getHeredocs()
      .map((h) => [h.getName(), h.getContentRange(), h.getDelimiterRange()]);
  return {
    directives: doc.getDirectives().map((d) => [d.getName(), d.getValue(), d.getValueRange()]),
    comments: doc.getComments().map((c) => [c.getContent(), c.getRange()]),
    instructions: doc.getInstructions().map((ins) => {
      const kw = ins.getKeyword();
      const typed = kw === 'ARG' || kw === 'ENV' || kw === 'LABEL';
      return {
        kw,
        written: ins.getInstruction(),
        range: ins.getRange(),
        keyword: ins.getInstructionRange(),
        heredocs: kw === 'RUN' || kw === 'COPY' || kw === 'ADD' ? heredocs(ins) : [],
        properties: typed
          ? (ins as unknown as { getProperties(): { getName(): string; getValue(): string | null; getRange(): unknown }[] })
              .getProperties()
              .map((p) => [p.getName(), p.getValue(), p.getRange()])
          : [],
        from: kw === 'FROM' ? (ins as unknown as { getArguments(): { getValue(): string }[] }).getArguments().map((a) => a.getValue()) : [],
      };
    }),
  };
}

/** Texts that take every path of LeanParser: heredocs (also in ONBUILD), escapes, CRLF and lone CR, EOF cases. */
const CASES = [
  'FROM alpine\nRUN echo hi\n',
  'FROM alpine AS b\nRUN <<EOF\napk add curl\nEOF\nCOPY <<-EOT /x\n\tbody\n\tEOT\nRUN echo done\n',
  'FROM alpine\nRUN <<A <<B cat\na\nA\nb\nB\nUSER 1000\n',
  'FROM alpine\nONBUILD RUN <<EOF\necho x\nEOF\nONBUILD RUN echo y\n',
  'FROM alpine\nRUN echo "<<not a heredoc" && \\\n  echo two\nCMD ["sh", "-c", "echo <<x"]\n',
  '# escape=`\nFROM mcr.microsoft.com/windows AS w\nRUN dir `\n  c:\\ `\n  /b\nCOPY a b\n',
  'FROM alpine\r\nRUN apk add \\\r\n  curl\r\nENV A=1 B="two words"\r\nLABEL x=y\r\n',
  'FROM alpine\rRUN a \\\rb\rUSER 1\r',
  'FR\\\nOM alpine\nRU\\\nN echo escaped keyword\n',
  'FROM alpine\nRUN echo a \\\n# comment inside\n  && echo b\n\nEXPOSE 80 443/udp\nHEALTHCHECK CMD wget -q localhost\n',
  'ARG BASE=alpine:3.20\nFROM ${BASE}\nARG X\nENV PATH=/x:$PATH\nRUN',
  'FROM alpine\nRUN echo \\',
  'FROM alpine\nCOPY <<EOF',
  'from alpine as lower\nrun echo lower case\ncopy --from=lower /a /b\n',
  'FROM alpine\nRUN <<EOF\nunterminated heredoc\n',
  '\uFEFFFROM alpine\nUSER nobody\n',
  'FROM alpine\nVOLUME ["/data"]\nENTRYPOINT ["/bin/app"]\nSHELL ["/bin/sh", "-c"]\nSTOPSIGNAL SIGTERM\nWORKDIR /app\nMAINTAINER x\nBOGUS y\n',
];

const FILES = [
  'test/fixtures/dockerfile/hardened/Dockerfile',
  'test/fixtures/dockerfile/insecure/Dockerfile',
  'test/fixtures/dockerfile/broken/Dockerfile',
  'test/fixtures/dockerfile/built/good.Dockerfile',
  'test/fixtures/dockerfile/built/bad.Dockerfile',
];

describe('parseLean', () => {
  it('reads every case as dockerfile-ast DockerfileParser.parse does', () => {
    for (const text of CASES) assert.deepEqual(projection(parseLean(text).doc as never), projection(DockerfileParser.parse(text)), JSON.stringify(text));
  });

  it('reads the Dockerfile fixtures as DockerfileParser.parse does', () => {
    for (const file of FILES) {
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(projection(parseLean(text).doc as never), projection(DockerfileParser.parse(text)), file);
    }
  });

  it('reads no heredoc from an exec-form RUN or a quoted <<, as BuildKit does (the stock parser swallows the rest)', () => {
    const keywords = (text: string) =>
      parseLean(text)
        .doc.getInstructions()
        .map((i) => i.getKeyword());
    const stock = (text: string) =>
      DockerfileParser.parse(text)
        .getInstructions()
        .map((i) => i.getKeyword());
    const exec = 'FROM alpine\nRUN ["sh", "-c", "echo <<EOF"]\nRUN curl -fsSL https://x.example/i.sh | sh\nENV AWS_SECRET_ACCESS_KEY=x\n';
    assert.deepEqual(keywords(exec), ['FROM', 'RUN', 'RUN', 'ENV']);
    assert.deepEqual(stock(exec), ['FROM', 'RUN'], 'dockerfile-ast alone swallows the rest of the file');
    for (const quoted of ['RUN echo "x <<EOF"', "RUN echo 'x <<EOF'", 'RUN echo \\<<EOF', 'ADD ["<<EOF", "/x"]', 'COPY --chown=1:1 ["<<EOF", "/x"]']) {
      assert.deepEqual(keywords(`FROM alpine\n${quoted}\nUSER root\n`), ['FROM', quoted.split(' ')[0], 'USER'], quoted);
    }
    // Still heredocs: a quoted delimiter, flags before it, a comment line with a quote inside the continuation.
    for (const text of [
      'FROM alpine\nRUN cat <<"EOF"\nUSER in-body\nEOF\nUSER 1\n',
      'FROM alpine\nRUN --mount=type=cache,target=/c <<EOF\nUSER in-body\nEOF\nUSER 1\n',
      "FROM alpine\nRUN echo a \\\n# don't\n  && cat <<EOF\nUSER in-body\nEOF\nUSER 1\n",
    ]) {
      assert.deepEqual(keywords(text), ['FROM', 'RUN', 'USER'], text);
      assert.deepEqual(projection(parseLean(text).doc as never), projection(DockerfileParser.parse(text)), text);
    }
  });

  it('ends an instruction at an escaped escape character before the line end, where the stock parser joins the next line', () => {
    const keywords = (doc: ReturnType<typeof DockerfileParser.parse>) => doc.getInstructions().map((i) => i.getKeyword());
    const text = 'FROM alpine\nRUN echo \\\\\nUSER root\nENV A=b\\\\\nLABEL x=y\n';
    assert.deepEqual(keywords(parseLean(text).doc as never), ['FROM', 'RUN', 'USER', 'ENV', 'LABEL']);
    assert.deepEqual(keywords(DockerfileParser.parse(text)), ['FROM', 'RUN', 'ENV'], 'dockerfile-ast alone joins the next line');
  });

  it('builds typed instructions only where parse.ts reads them', () => {
    const { doc } = parseLean('FROM alpine\nARG A\nRUN echo x\nRUN <<EOF\necho\nEOF\nCMD ["a"]\n');
    const base = doc.getInstructions().map((i) => i.constructor === BaseInstruction);
    assert.deepEqual(base, [false, false, true, true, true]);
  });
});
