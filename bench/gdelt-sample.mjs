// Synthetic GDELT 2.0 exports for the benches (import throughput; a large ledger for the server): actors of the
// Korean Peninsula and its neighbours, CAMEO codes with GDELT's weights, deterministic.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { CAMEO_SAMPLE } from "./cameo-sample.mjs";

const ACTORS = [
  ["PRK", "NORTH KOREA", "KN", "Pyongyang, P'yongyang-si, North Korea", 39.0194, 125.755],
  ["KOR", "SOUTH KOREA", "KS", "Seoul, Seoul-t'ukpyolsi, South Korea", 37.5664, 126.9997],
  ["USA", "UNITED STATES", "US", "Washington, District of Columbia, United States", 38.8951, -77.0364],
  ["CHN", "CHINA", "CH", "Beijing, Beijing, China", 39.9289, 116.388],
  ["RUS", "RUSSIA", "RS", "Moscow, Moskva, Russia", 55.7522, 37.6156],
  ["JPN", "JAPAN", "JA", "Tokyo, Tokyo, Japan", 35.685, 139.751],
];
const ROLES = ["", "GOV", "MIL", "COP", "BUS", "MED"];
/** A small deterministic generator, so every run writes the same file. */
let seed = 20191024;
function random() {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const pick = (list) => list[Math.floor(random() * list.length)];

function geo(actor) {
  const [, , fips, name, lat, long] = actor;
  const adm2 = String(10000 + Math.floor(random() * 90000));
  return ["4", name, fips, `${fips}12`, adm2, lat, long, String(-Math.floor(random() * 3_000_000))];
}

function row(i) {
  const a1 = pick(ACTORS);
  let a2 = pick(ACTORS);
  if (a2 === a1) a2 = ACTORS[(ACTORS.indexOf(a1) + 1) % ACTORS.length];
  const role1 = pick(ROLES);
  const role2 = pick(ROLES);
  const [code, goldstein, quad] = pick(CAMEO_SAMPLE);
  // As in GDELT 2.0: one 15-minute file per 2,000 rows; 97% of events dated the day they were added, the rest a
  // day, a week, a month or a year before.
  const added = new Date(Date.UTC(2017, 0, 1) + Math.floor(i / 2000) * 15 * 60_000);
  const back = random() < 0.97 ? 0 : pick([1, 7, 30, 365]);
  const day = new Date(added.getTime() - back * 86_400_000);
  const sqlDate = day.toISOString().slice(0, 10).replaceAll("-", "");
  const year = sqlDate.slice(0, 4);
  const fraction = (Number(year) + (day.getUTCMonth() * 30 + day.getUTCDate()) / 365).toFixed(4);
  const mentions = 1 + Math.floor(random() * 20);
  const actor = (a, role) => [a[0] + role, a[1], a[0], "", "", "", "", role, "", ""];
  return [
    String(900_000_000 + i),
    sqlDate,
    sqlDate.slice(0, 6),
    year,
    fraction,
    ...actor(a1, role1),
    ...actor(a2, role2),
    random() < 0.6 ? "1" : "0",
    code,
    code.slice(0, 3),
    code.slice(0, 2),
    String(quad),
    goldstein.toFixed(1),
    String(mentions),
    String(1 + Math.floor(mentions / 4)),
    String(mentions),
    ((random() - 0.6) * 12).toFixed(11),
    ...geo(a1),
    ...geo(a2),
    ...geo(pick([a1, a2])),
    added.toISOString().slice(0, 19).replace(/[-T:]/g, ""),
    `https://news.example.org/${year}/${sqlDate.slice(4, 6)}/story-${i}.html`,
  ].join("\t");
}

/** Writes `rows` synthetic GDELT 2.0 rows to `file`, the same rows on every run. */
export async function generateGdelt(file, rows) {
  const out = createWriteStream(file);
  let chunk = [];
  for (let i = 0; i < rows; i++) {
    chunk.push(row(i));
    if (chunk.length === 10_000 || i === rows - 1) {
      if (!out.write(chunk.join("\n") + "\n")) await once(out, "drain");
      chunk = [];
    }
  }
  out.end();
  await once(out, "finish");
}
