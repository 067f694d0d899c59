import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citation, csvCell, escapeFormula, eventsCsv } from "../../web/src/timeline/export.js";
import { escapeFormula as exportEscape } from "../../src/importers/csv-formula.js";
import { startDashboard, type Dashboard } from "./browser.js";

let dashboard: Dashboard | undefined;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

describe("the timeline's CSV", () => {
  it("escapes cells a spreadsheet would run, as the CLI's export does", () => {
    for (const cell of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted", "plain", "", "1-2"])
      expect(escapeFormula(cell)).toBe(exportEscape(cell));
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    const csv = eventsCsv([
      {
        id: "ev_1",
        date: "2022-10-28",
        type: "missile_launch",
        actor: "PRK",
        count: 2,
        attributes: {},
        summary: "-1 km",
        sources: [],
        confidence: "reported",
      },
    ]);
    expect(csv).toBe(
      "id,date,end,type,actor,target,count,confidence,summary,sources\r\nev_1,2022-10-28,,missile_launch,PRK,,2,reported,'-1 km,\r\n",
    );
    expect(citation({ from: "2022-10-01", to: "2022-11-30", type: "", events: 3, head: "abc" })).toBe(
      "Lockstep timeline, 3 events from 2022-10-01 to 2022-11-30; ledger head abc.",
    );
  });

  it("saves the events shown as CSV and the chart as SVG, and cites the view with the ledger's head", async () => {
    const page = await dashboard!.open("/#timeline");
    await page.waitForSelector("#timeline-covered");
    await page.fill("#timeline-from", "2022-10-01");
    await page.fill("#timeline-to", "2022-11-30");
    await page.locator("h3", { hasText: "from 2022-10-01 to 2022-11-30" }).waitFor();
    const api = (await (
      await fetch(`${dashboard!.server.url}/api/events?from=2022-10-01&to=2022-11-30&limit=1000`)
    ).json()) as { total: number; events: { id: string }[] };
    const health = (await (await fetch(`${dashboard!.server.url}/api/health`)).json()) as {
      chain: { head: string };
    };
    const cite = page.locator("#timeline-cite", { hasText: health.chain.head });
    await cite.waitFor();
    expect(await cite.textContent()).toContain(`${api.total} events from 2022-10-01 to 2022-11-30`);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#timeline-csv")]);
    expect(csv.suggestedFilename()).toBe("lockstep-events-2022-10-01-2022-11-30.csv");
    const lines = readFileSync((await csv.path())!, "utf8")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("id,date,end,type,actor,target,count,confidence,summary,sources");
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0]))).toEqual(new Set(api.events.map((e) => e.id)));

    const [svg] = await Promise.all([page.waitForEvent("download"), page.click("#timeline-svg")]);
    const text = readFileSync((await svg.path())!, "utf8");
    expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text).toContain("data-event=");
    await page.close();
  });

  it("saves the chart as PNG: a real PNG, twice the SVG's width and height, with the chart drawn on it", async () => {
    const page = await dashboard!.open("/#timeline");
    await page.waitForSelector('#timeline-chart[aria-busy="false"] svg');
    const svg = await page.evaluate(() => {
      const s = document.querySelector("#timeline-chart svg")!;
      return { width: Number(s.getAttribute("width")), height: Number(s.getAttribute("height")) };
    });
    expect(svg.width).toBeGreaterThan(100);
    expect(svg.height).toBeGreaterThan(100);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#timeline-png")]);
    expect(download.suggestedFilename()).toMatch(/^lockstep-events-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.png$/);
    const png = readFileSync((await download.path())!);
    // The signature, then the IHDR chunk first: its length (13), its type, the width and the height.
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(8)).toBe(13);
    expect(png.toString("latin1", 12, 16)).toBe("IHDR");
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({
      width: 2 * svg.width,
      height: 2 * svg.height,
    });
    expect(png.toString("latin1", png.length - 8, png.length - 4)).toBe("IEND");
    // Not a blank canvas: decoded, it has the chart's dark text and axes and its coloured marks on white.
    const drawn = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d")!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let white = 0;
      let dark = 0;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (r > 250 && g > 250 && b > 250) white++;
        else if (r < 100 && g < 100 && b < 100) dark++;
        else if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      }
      return { white, dark, coloured, pixels: data.length / 4 };
    }, png.toString("base64"));
    expect(drawn.white / drawn.pixels).toBeGreaterThan(0.5);
    expect(drawn.dark).toBeGreaterThan(1000);
    expect(drawn.coloured).toBeGreaterThan(1000);
    await page.close();
  });

  it("has a favicon", async () => {
    const page = await dashboard!.open("/");
    const href = await page.getAttribute('link[rel="icon"]', "href");
    const r = await fetch(`${dashboard!.server.url}${href}`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("<svg");
    await page.close();
  });
});
