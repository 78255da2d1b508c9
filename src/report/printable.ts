/**
 * Control characters (C0, DEL, C1) and the Unicode bidirectional controls (U+202A-U+202E, U+2066-U+2069),
 * which could move the cursor, clear the screen, set the window title or reorder what a reader sees.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text taken from scanned files or from the engine (messages quote names and values, paths are the user's),
 * made safe to print on a terminal: each control character is shown as an escape (`\n`, `\x1b`, `\u202e`), so
 * a service named `ok\x1b[2K` cannot erase the finding above it. Other text is returned unchanged.
 */
export function printable(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named !== undefined) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
