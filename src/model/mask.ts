/**
 * Masks a secret value for output: the first four characters, an ellipsis and the length,
 * e.g. `tk_l…(24 chars)`. Values of eight characters or fewer show no characters at all.
 * DESIGN.md "Findings and output": secret values never appear in any output.
 */
export function maskSecret(value: string): string {
  const n = [...value].length;
  if (n <= 8) return `…(${n} chars)`;
  return `${[...value].slice(0, 4).join('')}…(${n} chars)`;
}
