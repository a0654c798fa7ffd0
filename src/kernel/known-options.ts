/**
 * Refuses an option nobody reads. In JavaScript, or with an options object built elsewhere, a
 * misspelt name (`trustedOrigin`, `acceptURL`) would otherwise be dropped without a word and its
 * default used in its place, which for a security setting is the worst way to find out.
 */
export function refuseUnknownOptions(where: string, options: object, known: Record<string, true>): void {
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(known, key)) continue;
    const near = Object.keys(known).find((name) => alike(name, key));
    throw new TypeError(`${where}: there is no option \`${key}\`${near ? `; did you mean \`${near}\`?` : ''}`);
  }
}

/** The same name but for case, or for one or two letters added, dropped or changed, or cut short. */
function alike(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y || (Math.min(x.length, y.length) >= 4 && (x.startsWith(y) || y.startsWith(x)))) return true;
  if (Math.abs(x.length - y.length) > 2) return false;
  // Levenshtein distance, one row at a time.
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    row = next;
  }
  return row[y.length]! <= 2;
}
