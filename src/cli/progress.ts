/**
 * A progress line on standard error, for long work: `label done/total`, redrawn at most every 100 ms and
 * erased when done. Only on a terminal (never in CI logs or redirected output) and only when `total` reaches
 * `threshold`. @returns the callback to give the work, or undefined when no line is drawn
 */
export function progressLine(label: string, threshold: number, quiet = false): ((done: number, total: number) => void) | undefined {
  if (quiet || !process.stderr.isTTY) return undefined;
  let last = 0;
  let drawn = false;
  return (done, total) => {
    if (total < threshold) return;
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    if (done < total) {
      process.stderr.write(`\r${label} ${done}/${total}`);
      drawn = true;
    } else if (drawn) process.stderr.write('\r\x1b[K');
  };
}
