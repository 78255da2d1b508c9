import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type DockerfileSpec, hasPrivateKeyBegin, isCopy, isUnknown, type PemContent } from '../../model/index.js';
import type { FileReader } from '../fs.js';

/** Largest PEM file read: certificates and keys are a few KiB; a bundle of every public CA is about 200 KiB. */
const MAX_PEM_BYTES = 1024 * 1024;

/** Any PEM block (a certificate, a public key...). */
const ANY_BLOCK = /-----BEGIN [A-Z0-9 ]+-----/;

/**
 * Reads the `.pem` files that the COPY and ADD instructions of `spec` take from the build context `contextDir`
 * (sources as written: no glob, no URL, no heredoc, no `--from`), and says what each holds (DockerfileSpec.
 * pemSources): a private key block (the BEGIN line of one, of any kind, encrypted included: hasPrivateKeyBegin of
 * the model), or only other PEM blocks (certificates, public keys). A file that is not there,
 * outside the context, over 1 MiB, unreadable or without any PEM block is left out. Never throws; runs nothing.
 */
export function readPemSources(spec: DockerfileSpec, contextDir: string, fs: FileReader): Record<string, PemContent> | undefined {
  let out: Record<string, PemContent> | undefined;
  for (const stage of spec.stages) {
    for (const i of stage.instructions) {
      if (!isCopy(i) || i.from !== undefined) continue;
      for (const s of i.sources) {
        const src = s.value;
        if (isUnknown(src) || !/\.pem$/i.test(src) || /[*?[\]]/.test(src) || src.startsWith('<<') || /^[a-z][a-z0-9+.-]*:\/\//i.test(src)) continue;
        if (out && Object.hasOwn(out, src)) continue;
        // Sources are relative to the context, a leading / included (BuildKit reads `/a.pem` in the context).
        const abs = resolve(contextDir, `.${sep}${src.replace(/^\/+/, '')}`);
        const rel = relative(contextDir, abs);
        if (rel.startsWith('..') || isAbsolute(rel)) continue;
        const size = fs.size(abs);
        if (size === undefined || size > MAX_PEM_BYTES) continue;
        let text: string | undefined;
        try {
          text = fs.readText(abs);
        } catch {
          continue;
        }
        if (text === undefined) continue;
        const content: PemContent | undefined = hasPrivateKeyBegin(text) ? 'private-key' : ANY_BLOCK.test(text) ? 'no-private-key' : undefined;
        if (content) (out ??= {})[src] = content;
      }
    }
  }
  return out;
}
