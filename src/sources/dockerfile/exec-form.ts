/**
 * The exec form of an instruction's arguments (Dockerfile reference: `RUN ["executable", "param"]`): `text`,
 * trimmed, when it is a JSON array of strings; undefined otherwise (the builder then reads the shell form).
 */
export function execFormOf(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where each string of a JSON array is written in `text`: [start, end) of its characters between the quotes, in
 * order. Meant for text that execFormOf reads as an array of strings, where quotes and escapes are well formed.
 */
export function jsonStringSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    const start = i + 1;
    for (i = start; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    out.push({ start, end: i });
  }
  return out;
}
