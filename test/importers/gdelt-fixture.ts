const CODES = ["010", "036", "043", "112", "138", "163", "173", "190"];

/** GDELT 2.0 rows (61 columns), USA or KOR → PRK, one CAMEO code each; `broken` rows (from 1) get a bad date. */
export function gdeltRows(rows: number, broken: number[] = []): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const f = Array<string>(61).fill("");
    const day = String(1 + (i % 28)).padStart(2, "0");
    const actor = i % 3 ? "USA" : "KOR";
    Object.assign(f, {
      0: String(1_000_000 + i),
      1: broken.includes(i + 1) ? "2018-06" : `201806${day}`,
      5: actor,
      7: actor,
      15: "PRK",
      17: "PRK",
      25: "1",
      26: CODES[i % CODES.length],
      28: CODES[i % CODES.length]!.slice(0, 2),
      29: "4",
      30: "-5.0",
      31: String(1 + (i % 9)),
      59: `201806${day}120000`,
      60: `https://news.example.org/${i}.html`,
    });
    lines.push(f.join("\t"));
  }
  return lines.join("\n") + "\n";
}
