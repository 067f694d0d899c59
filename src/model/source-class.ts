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
  // US missions to the UN and other bodies (geneva.usmission.gov, usun.usmission.gov).
  "usmission.gov": "primary",
  // The UN Audiovisual Library: the UN's own recordings of its meetings.
  "unmultimedia.org": "primary",
  // A DPRK state website, as uriminzokkiri.com above.
  "dprktoday.com": "primary",
  // Ukraine's State Financial Monitoring Service.
  "fiu.gov.ua": "primary",
  // The American Presidency Project (UC Santa Barbara): an archive of presidents' papers and remarks.
  "presidency.ucsb.edu": "primary",
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
  // Anadolu (Turkey's state agency), AZERTAC (Azerbaijan's), and the Azerbaijani agencies APA and Trend.
  "aa.com.tr": "wire",
  "azertag.az": "wire",
  "apa.az": "wire",
  "trend.az": "wire",
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
  "securitycouncilreport.org": "reference",
  "stratfor.com": "reference",
  // The Library of Congress (the Law Library's Global Legal Monitor among it).
  "loc.gov": "reference",
  // A licensed database of journals' own texts, not a repost.
  "proquest.com": "reference",
  // Newspapers, broadcasters, news sites and trade press with their own reporting, by host (PRESS below names the
  // common ones). A local station or paper carrying AP or CNN text is still press: it publishes under its own name.
  "nocutnews.co.kr": "press",
  "kyongbuk.co.kr": "press",
  "edaily.co.kr": "press",
  "newdaily.co.kr": "press",
  "kmib.co.kr": "press",
  "mbn.co.kr": "press",
  "sbs.co.kr": "press",
  "ytn.co.kr": "press",
  // Korea Economic Daily TV.
  "wowtv.co.kr": "press",
  "etoday.co.kr": "press",
  // Seoul Shinmun, on all its hosts.
  "seoul.co.kr": "press",
  "siminilbo.co.kr": "press",
  "mediapen.com": "press",
  "ajupress.com": "press",
  // The Korea Herald's mobile host.
  "kheraldm.com": "press",
  // The Korea Daily: the JoongAng Ilbo's US edition.
  "koreadailyus.com": "press",
  "dailynk.com": "press",
  "j-cast.com": "press",
  "jbpress.ismedia.jp": "press",
  // NNA: Kyodo's business news service for Asia (a paper, not Kyodo's wire).
  "nna.jp": "press",
  "chinagate.cn": "press",
  // Guangming Daily.
  "gmw.cn": "press",
  // China Military Online: the PLA Daily's site.
  "chinamil.com.cn": "press",
  "caixinglobal.com": "press",
  "bloomberg.com": "press",
  "bnnbloomberg.ca": "press",
  "bostonglobe.com": "press",
  "usatoday.com": "press",
  "nydailynews.com": "press",
  "washingtontimes.com": "press",
  "nbcnews.com": "press",
  "cbsnews.com": "press",
  "politico.com": "press",
  "rollcall.com": "press",
  "thedailybeast.com": "press",
  "talkingpointsmemo.com": "press",
  "fortune.com": "press",
  "businessinsider.com.au": "press",
  "engadget.com": "press",
  "vice.com": "press",
  "foreignpolicy.com": "press",
  // One America News Network.
  "oann.com": "press",
  "circa.com": "press",
  "justthenews.com": "press",
  "wnd.com": "press",
  "globalpost.com": "press",
  "dailymail.co.uk": "press",
  "dw.de": "press",
  "wiwo.de": "press",
  "gazzettadiparma.it": "press",
  "tag24.com": "press",
  "timesofmalta.com": "press",
  // US, Canadian and Guam local stations and papers.
  "whdh.com": "press",
  "cbs4indy.com": "press",
  "abc57.com": "press",
  "kesq.com": "press",
  "kvia.com": "press",
  "localnews8.com": "press",
  "kusi.com": "press",
  // KUT: Austin's NPR station.
  "kut.org": "press",
  "wpsdlocal6.com": "press",
  "wtvr.com": "press",
  "wtvy.com": "press",
  "newschannel5.com": "press",
  "41nbc.com": "press",
  "kmxs.com": "press",
  "kuam.com": "press",
  "adn.com": "press",
  "arkansasonline.com": "press",
  "staugustine.com": "press",
  "springfieldnewssun.com": "press",
  "hjnews.com": "press",
  "mitchellrepublic.com": "press",
  "unionleader.com": "press",
  "lincolndailynews.com": "press",
  "lethbridgeherald.com": "press",
  "cp24.com": "press",
  "680news.com": "press",
  "citynews.ca": "press",
  "metronews.ca": "press",
  "vnexpress.net": "press",
  // The Financial Express of Bangladesh, and the Indian paper of the same name.
  "thefinancialexpress.com.bd": "press",
  "financialexpress.com": "press",
  "themalaymailonline.com": "press",
  "timesofisrael.com": "press",
  "rappler.com": "press",
  "millenniumpost.in": "press",
  "businesstimes.com.sg": "press",
  "dailymaverick.co.za": "press",
  "irrawaddy.com": "press",
  "khaosodenglish.com": "press",
  "livemint.com": "press",
  "ndtv.com": "press",
  "observerbd.com": "press",
  "thesundaily.my": "press",
  "thehimalayantimes.com": "press",
  // The Daily Tribune (Philippines).
  "tribune.net.ph": "press",
  "timesofoman.com": "press",
  "gulf-times.com": "press",
  "saudigazette.com.sa": "press",
  "arabnews.com": "press",
  "dailymirror.lk": "press",
  "pakistantoday.com.pk": "press",
  // GZH (Zero Hora) of the RBS group.
  "clicrbs.com.br": "press",
  "dtnext.in": "press",
  "pratidintime.com": "press",
  "newsx.com": "press",
  "turkiyetoday.com": "press",
  "news.az": "press",
  "caliber.az": "press",
  "jewishpress.com": "press",
  "hamodia.com": "press",
  "ahvalnews.com": "press",
  "tradearabia.com": "press",
  // Grupo Sipse (Novedades, Yucatán).
  "sipse.com": "press",
  "sknsource.com": "press",
  "eaglenews.ph": "press",
  "radyolaverdad.com": "press",
  // Broadcasters, state ones among them (they report others' news, unlike a government's own site).
  "trtworld.com": "press",
  "lbcgroup.tv": "press",
  "tvnz.co.nz": "press",
  "cnc3.co.tt": "press",
  // Commercial Radio Hong Kong.
  "881903.com": "press",
  "rfa.org": "press",
  "rt.com": "press",
  // Voice of Russia.
  "ruvr.ru": "press",
  "radio.gov.pk": "press",
  // Voice of America's publishing system, serving VOA's own pages.
  "voa.pangea-cms.com": "press",
  // Defence, aerospace, maritime and legal trade press.
  "defensenews.com": "press",
  "navytimes.com": "press",
  "military.com": "press",
  "americanmilitarynews.com": "press",
  "defense-update.com": "press",
  "defenseworld.net": "press",
  "shephardmedia.com": "press",
  "airforce-technology.com": "press",
  // Seapower: the Navy League's magazine.
  "seapowermagazine.org": "press",
  "maritimeprofessional.com": "press",
  "theaviationist.com": "press",
  "19fortyfive.com": "press",
  "spaceflightnow.com": "press",
  "spacepolicyonline.com": "press",
  "homelandprepnews.com": "press",
  "jurist.org": "press",
  // Law firms' sanctions notes, as cliffordchance and willkie in PRESS: Husch Blackwell, Crowell & Moring (two
  // sites), Thompson Hine.
  "internationaltradeinsights.com": "press",
  "crowellcryptodigest.com": "press",
  "cmtradelaw.com": "press",
  "thompsonhinesmartrade.com": "press",
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
  // Reposts of wire and broadcast reports: the events they alone carry are excepted, with reasons, in the record's
  // audit-exceptions.jsonl.
  "topix.com": "aggregator",
  "whatsgoingonnews.net": "aggregator",
  "embedy.eu": "aggregator",
  // Portals carrying wire copy under their own name.
  "yahoo.com": "aggregator",
  "investing.com": "aggregator",
  "marketscreener.com": "aggregator",
  "livedoor.com": "aggregator",
  "newser.com": "aggregator",
  "nhub.news": "aggregator",
  "pano.news": "aggregator",
  "a47news.ai": "aggregator",
  // Generated "news" (BNN Breaking), and video aggregators.
  "bnnbreaking.com": "aggregator",
  "onenewspage.com": "aggregator",
  "newsonjapan.com": "aggregator",
  "krtube.net": "aggregator",
  // A press-release wire: releases as their issuers wrote them, the issuer's own site being the source.
  "einpresswire.com": "aggregator",
  // Reposts of wire text, releases and documents on sites that did not report them.
  "broadcastunited.com": "aggregator",
  "socialnews.xyz": "aggregator",
  "expydoc.com": "aggregator",
  "dictall.com": "aggregator",
  "dziennik-polityczny.com": "aggregator",
  "xsionx.com": "aggregator",
  "tiue.org": "aggregator",
  // A Silicon Investor message board mirror.
  "frajer.net": "aggregator",
  "hardwaymtministry.com": "aggregator",
  "missiledefenseadvocacy.org": "aggregator",
  "infosurhoy.com": "aggregator",
  "oddonion.com": "aggregator",
  "dvolatility.com": "aggregator",
  "aiirsource.com": "aggregator",
  "noticiasdopara.net": "aggregator",
  "wealth365.com": "aggregator",
  "frominsideasia.com": "aggregator",
  "jarviscountydaily.com": "aggregator",
  "newsmediafocus.com": "aggregator",
  "pledgetimes.com": "aggregator",
  "reportfocusnews.com": "aggregator",
  "koreanewsgazette.com": "aggregator",
  "koreanewsdigest.com": "aggregator",
  "rationalreview.com": "aggregator",
  "globaldefence.net": "aggregator",
  "crweworld.com": "aggregator",
  "marketswired.com": "aggregator",
  "tedmontgomery.com": "aggregator",
  "pulsewaveglobal.com": "aggregator",
  "spaceintel101.com": "aggregator",
  // Shueisha's yearly encyclopedia of current terms.
  "imidas.jp": "aggregator",
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
