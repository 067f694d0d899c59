import type { LedgerEvent, Source } from "./event.js";
import type { EventType } from "./event-types.js";

/**
 * Does a source speak of the event it is cited for? A check of words, not of meaning: a source's title and quote
 * must name the kind of happening (a word a report of that type uses: "missile", "launch", "fired" for a launch;
 * "sanction", "designat", "Treasury" for a designation) or one of the event's own names (an exercise's, a missile's,
 * a resolution's number, a place). It catches a source about something else — the Hanoi summit cited to an article
 * on sanctions, a Treasury designation cited to one on a Politburo meeting — and says nothing of a source that uses
 * the right words about the wrong day (the date rules do that). Actors are left out on purpose: nearly every source
 * in a record of the peninsula names Korea.
 */

/** Word beginnings a report of each type uses, lower case, matched at the start of a word; "|" between them. */
const TYPE_WORDS: Record<Exclude<EventType, "cameo_event" | "retraction">, string> = {
  missile_launch:
    "missile|launch|fire|fired|firing|test|rocket|projectile|ballistic|satellite|icbm|irbm|mrbm|srbm|slbm|" +
    "hwasong|scud|nodong|taepodong|pukguksong|kn-|미사일|발사|탄도|ミサイル|発射|テポドン|导弹|发射",
  nuclear_test: "nuclear|test|blast|explosion|detonat|bomb|seismic|quake|earthquake|핵실험|核実験|核试验",
  military_exercise:
    "exercise|drill|war game|wargame|maneuver|manoeuvre|training|joint|foal eagle|key resolve|ulchi|freedom|" +
    "vigilant|max thunder|훈련|연습|演習|演习|训练",
  sanctions_imposed:
    "sanction|designat|blacklist|treasury|ofac|resolution|penalt|asset|embargo|ban|제재|制裁",
  sanctions_relieved: "sanction|relief|lift|eas|waive|delist|exempt|resolution|제재|制裁",
  // Leaders' meetings are reported in the leaders' own languages too: Russian, and the foreign services of Xinhua and
  // CRI (Hindi, Arabic, German, French), and the Polish agency's copy.
  summit_or_meeting:
    "summit|meet|talk|visit|envoy|negotiat|dialogue|met |hold|held|conference|trip|round|session|회담|정상|会談|" +
    "会谈|会晤|会见|встреч|встрет|переговор|саммит|визит|भेंट|मुलाकात|वार्ता|يجتمع|اجتماع|محادثات|قمة|spotkan|rozmow|" +
    "treffen|gipfel|rencontr|entretien|sommet",
  agreement_signed:
    "agree|sign|statement|declaration|accord|deal|framework|joint|pact|establish|합의|공동성명|合意|协议",
  declaration:
    "declar|announce|moratorium|statement|pledge|halt|suspend|end|resum|stop|freeze|vow|say|said|says|선언|발표|" +
    "효력|정지|중단|suspen|pact|restor|reinstat|복원",
  statement:
    "statement|say|said|says|warn|announce|spokes|kcna|declar|threat|vow|refut|denounc|criticiz|violat|담화|성명",
  // Resolutions that extend the Panel of Experts are reported as such, without the word "resolution".
  draft_resolution:
    "resolution|draft|council|vote|veto|text|panel|extend|extension|mandate|adopt|propos|sanction|결의|안보리|패널|" +
    "决议",
  veto: "veto|vote|resolution|block",
  dismantlement: "dismantl|demoli|destroy|blow|blew|explo|close|shut",
  repatriation: "remains|repatriat|return|soldier|missing",
  facility_status:
    "reactor|plant|facility|yongbyon|shut|restart|freeze|seal|enrich|reprocess|site|plutonium|spent fuel",
  inspection: "inspect|iaea|monitor|verif|safeguard",
  aid_delivered: "oil|fuel|aid|deliver|shipment|food|assistance",
  document_handover: "declaration|document|handover|hand|submit|list|letter",
  withdrawal: "withdraw|pull out|pulls out|leave|quit|npt|scrap|abandon",
  show_of_force:
    "bomber|carrier|b-1|b-52|b-2|flyover|fly|flew|flight|strategic|deploy|submarine|f-22|f-35|aircraft|warship|" +
    "strike group|show of force|asset|raptor|fleet|visit|arriv|port|exercise|drill|naval|항모|폭격기|전략|훈련",
  military_activity:
    "artillery|fire|drill|shell|patrol|drone|jet|aircraft|border|military|troops|balloon|incursion|shot|gps|" +
    "jamming|landmine|mine|guard post|demolit|jsa|dmz|disarm|firearm|withdraw|remains|recovery|loudspeaker|" +
    "excavat|outpost|demining|지뢰|초소|비무장|확성기",
};

/** Attributes that name a happening, whose words a report of it would use. */
const NAMING_ATTRIBUTES = [
  "name",
  "missile",
  "instrument",
  "facility",
  "location",
  "subject",
  "agreement",
  "asset",
  "body",
  "goods",
] as const;

/** Words too common to tell one happening from another. */
const COMMON = new Set(
  "the and for with from into over after north south korea korean korea's dprk rok united states nations council " +
    "security peninsula joint unknown site field base airport province area city international".split(" "),
);

/** The words of the event's own names: four letters or more, or digits (a resolution's number, a year). */
export function namingWords(e: LedgerEvent): string[] {
  const words = new Set<string>();
  for (const key of NAMING_ATTRIBUTES) {
    const value = e.attributes[key];
    for (const text of Array.isArray(value) ? value : value === undefined ? [] : [value])
      for (const w of String(text)
        .toLowerCase()
        .split(/[^\p{L}\p{N}-]+/u))
        if ((w.length >= 4 || /^\d{3,}$/.test(w)) && !COMMON.has(w) && !/^(19|20)\d\d$/.test(w)) words.add(w);
  }
  return [...words];
}

/**
 * Whether `text` has a word that begins with `stem` (a stem with a space is looked for as a phrase). Korean,
 * Japanese and Chinese words are looked for anywhere: their words run together without spaces.
 */
function hasStem(text: string, stem: string): boolean {
  if (/[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(stem))
    return text.includes(stem);
  let at = text.indexOf(stem);
  while (at >= 0) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1]!)) return true;
    at = text.indexOf(stem, at + 1);
  }
  return false;
}

/** Words of a title that say what kind of document it is, not what it is about. */
const GENERIC = new Set(
  (
    "report reports service news article page website site history edition the on of a an in english korean " +
    "turkish croatian mongolian japanese chinese russian arabic french spanish german nov world radio yonhap " +
    "xinhua newsis kyodo reuters ap afp"
  ).split(" "),
);

/**
 * A title that says only who published it, in which service and when ("Yonhap report, 2018-08-21", "CRI (Turkish
 * service) report") tells nothing of its subject, nor does a page of a yearbook ("Page 57 - 2018 Defense White
 * Paper (chronology)"): those are left to a reader, not flagged.
 */
function saysNothing(title: string, publisher: string | undefined, host: string): boolean {
  if (/^page \d+\b|white paper|chronology/i.test(title)) return true;
  const own = new Set(`${publisher ?? ""} ${host}`.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  return title
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .every((w) => w === "" || GENERIC.has(w) || own.has(w) || /^\d+$/.test(w));
}

const hostOf = (url: string | undefined): string => {
  try {
    return url ? new URL(url).hostname : "";
  } catch {
    return "";
  }
};

/** What of a source is read: its title and its quote. Undefined when it has neither, or a title that says nothing. */
function sourceText(s: Source): string | undefined {
  const title =
    s.title !== undefined && !saysNothing(s.title, s.publisher, hostOf(s.url)) ? s.title : undefined;
  const parts = [title, s.quote].filter((x): x is string => typeof x === "string" && x.length > 0);
  return parts.length ? parts.join(" ").toLowerCase() : undefined;
}

/**
 * Whether the source names the event's kind of happening or one of its names; undefined when the source has no
 * title or quote to read, or the type has no words here.
 */
export function speaksOf(e: LedgerEvent, s: Source): boolean | undefined {
  const text = sourceText(s);
  const typeWords = (TYPE_WORDS as Partial<Record<string, string>>)[e.type];
  if (text === undefined || typeWords === undefined) return undefined;
  return typeWords.split("|").some((w) => hasStem(text, w)) || namingWords(e).some((w) => hasStem(text, w));
}
