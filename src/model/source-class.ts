import type { Source } from "./event.js";

/**
 * How much a source can carry, by who published it: `primary` (a government, the UN, the IAEA, an implementing body,
 * a state news agency for its own state's statements), `wire` (AP, Reuters, Yonhap, AFP, Kyodo, and state wires),
 * `press` (newspapers and broadcasters), `reference` (research databases and institutes), `aggregator` (mirrors,
 * aggregators, blogs, encyclopedias, code repositories), or `unclassified` (a publisher this table does not know).
 */
export const SOURCE_CLASSES = [
  "primary",
  "wire",
  "press",
  "reference",
  "aggregator",
  "unclassified",
] as const;
export type SourceClass = (typeof SOURCE_CLASSES)[number];

/** By host name, or a domain it ends in. Kept short and reasoned: a host missing here is `unclassified`. */
const DOMAINS: Readonly<Record<string, SourceClass>> = {
  // Governments, international bodies, implementing organisations, and their official archives.
  "un.org": "primary",
  "undocs.org": "primary",
  "iaea.org": "primary",
  "treasury.gov": "primary",
  "state.gov": "primary",
  "defense.gov": "primary",
  "whitehouse.gov": "primary",
  "archives.gov": "primary",
  "gao.gov": "primary",
  "gpo.gov": "primary",
  "usfk.mil": "primary",
  "af.mil": "primary",
  "navy.mil": "primary",
  "army.mil": "primary",
  "marines.mil": "primary",
  "pacom.mil": "primary",
  // The Defense Visual Information Distribution Service: the US military's own releases.
  "dvidshub.net": "primary",
  "army.mil.kr": "primary",
  "ktv.go.kr": "primary",
  "usinfo.org": "primary",
  "dosfan.lib.uic.edu": "primary",
  "fraser.stlouisfed.org": "primary",
  "mnd.go.kr": "primary",
  "mofa.go.kr": "primary",
  "unikorea.go.kr": "primary",
  "korea.net": "primary",
  "dema.mil.kr": "primary",
  "mod.go.jp": "primary",
  "mofa.go.jp": "primary",
  "kedo.org": "primary",
  "kcna.kp": "primary",
  "kcna.co.jp": "primary",
  "kcnawatch.org": "primary",
  "uriminzokkiri.com": "primary",
  "fmprc.gov.cn": "primary",
  "kremlin.ru": "primary",
  "rodong.rep.kp": "primary",
  "president.go.kr": "primary",
  "archives.go.kr": "primary",
  "busan.go.kr": "primary",
  "mfa.gov.cn": "primary",
  "china-embassy.gov.cn": "primary",
  "usembassy.gov": "primary",
  // The University of North Texas's End of Term web archive: copies of US government pages as they were.
  "webarchive.library.unt.edu": "primary",
  // Wire services (state wires too: Xinhua and TASS report their governments' words).
  "apnews.com": "wire",
  "reuters.com": "wire",
  "yna.co.kr": "wire",
  // Yonhap's former English host.
  "yonhapnews.co.kr": "wire",
  "afp.com": "wire",
  "kyodonews.net": "wire",
  "upi.com": "wire",
  "xinhuanet.com": "wire",
  "tass.com": "wire",
  "news.cn": "wire",
  "kyodonews.jp": "wire",
  "efe.com": "wire",
  // Kuwait's state news agency, often the carrier of Yonhap's reports in the record.
  "kuna.net.kw": "wire",
  // Research databases and institutes.
  "nti.org": "reference",
  "csis.org": "reference",
  "armscontrol.org": "reference",
  "38north.org": "reference",
  "nknews.org": "reference",
  "fas.org": "reference",
  "acronym.org.uk": "reference",
  "fdd.org": "reference",
  "iiss.org": "reference",
  "sipri.org": "reference",
  "asil.org": "reference",
  "nonproliferation.org": "reference",
  "cns.miis.edu": "reference",
  "pacforum.org": "reference",
  "isdp.eu": "reference",
  "nkleadershipwatch.org": "reference",
  // Mirrors, aggregators, blogs, encyclopedias, repositories: leads, not sources.
  "wikipedia.org": "aggregator",
  "rssing.com": "aggregator",
  "einnews.com": "aggregator",
  "koogle.tv": "aggregator",
  "aboutcroatia.net": "aggregator",
  "world-economist.com": "aggregator",
  "exbulletin.com": "aggregator",
  "github.com": "aggregator",
  "nkaggregator.com": "aggregator",
  "headtopics.com": "aggregator",
  "tellerreport.com": "aggregator",
  "studylib.net": "aggregator",
  "slideserve.com": "aggregator",
  "docslib.org": "aggregator",
  "justia.com": "aggregator",
  "globalsecurity.org": "aggregator",
  "blogspot.com": "aggregator",
  "kinaforum.com": "aggregator",
  "cmio.org": "aggregator",
  "derechos.org": "aggregator",
  "liquisearch.com": "aggregator",
  "goo.ne.jp": "aggregator",
  "atlassociety.org": "aggregator",
  "noticiabrasil.net.br": "aggregator",
  "menafn.com": "aggregator",
  "devdiscourse.com": "aggregator",
  "tingchao.xyz": "aggregator",
  "wikisum.wiki": "aggregator",
  "wikisource.org": "aggregator",
  "memim.com": "aggregator",
  "redorbit.com": "aggregator",
};

/** Newspapers and broadcasters: recognised by these names in the host, rather than listed one by one. */
const PRESS =
  /(kbs|koreaherald|koreatimes|joins|joongang|hani|chosun|donga|voanews|voa\.gov|nytimes|washingtonpost|latimes|chicagotribune|baltimoresun|theguardian|bbc|cnn|nhk|japantimes|yomiuri|asahi|mainichi|scmp|globaltimes|chinadaily|people\.cn|peopledaily|china\.org\.cn|shine\.cn|ecns|cgtn|aljazeera|dw\.com|foxnews|stripes|irishtimes|irishexaminer|telegraphindia|nzherald|dawn|inquirer|taipeitimes|asiaone|business-standard|ibtimes|spokesman|rawstory|theepochtimes|sputnik|airandspaceforces|defensedaily|insidedefense|defense-aerospace|defensemirror|armyrecognition|overtdefense|koreapost|heraldcorp|asiae|bbsi|fnnews|northkoreatimes|koreatimesus|krdo|kion546|kimt|kurv|ajc|iolaregister|mb\.com\.ph|nampa|inform\.kz|lexology|cliffordchance|complianceconcourse|willkie|irglobal|persecondnews|asianews|wiseinternational|worldjpn|nacintl|upi|news1\.kr|voakorea|imbc|independent\.co\.uk|jpost|nippon\.com|kitsapsun|tongilnews|straitstimes|arirang|newsmax|hankyung|thehindu|hindustantimes|tribuneindia|hurriyetdailynews|brecorder|khaleejtimes|rferl|abcnews|npr\.org|channelnewsasia|thetimes\.co\.uk|nationalpost|todayonline|thestar\.com\.my|kyivindependent|scrippsnews|cctv\.com|radionz|freebeacon|anews\.com\.tr|wionews|vov\.vn|cri\.cn|honoluluadvertiser|usni\.org|sunstar|alarabiya|thenews\.com\.pk|navaltoday|army-technology|cnsnews|marinelink)/;

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/\.$/, "").toLowerCase();
  } catch {
    return undefined;
  }
}

/** The class of a source, from its URL's host; a source without a URL is classed by nothing and is `unclassified`. */
export function classifySource(source: Pick<Source, "url">): SourceClass {
  const host = source.url ? hostOf(source.url) : undefined;
  if (!host) return "unclassified";
  for (let h = host; h.includes("."); h = h.slice(h.indexOf(".") + 1)) {
    const known = DOMAINS[h];
    if (known) return known;
  }
  return PRESS.test(host) ? "press" : "unclassified";
}

/** Best first: the strongest class among an event's sources is the event's. */
export const CLASS_RANK: readonly SourceClass[] = [
  "primary",
  "wire",
  "press",
  "reference",
  "aggregator",
  "unclassified",
];
