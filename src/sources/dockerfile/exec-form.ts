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
