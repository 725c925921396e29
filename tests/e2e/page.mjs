// End-to-end test of the built page (dist/) in headless Debian Chromium via playwright-core.
// Serves dist/ itself from 127.0.0.1 on an ephemeral port, both at / and under /sub/dir/, plus an
// iframe host page, and drives the page through its test surface: body[data-status],
// tr[data-rung], #cache-status, canvas#chart-ratio. Screenshots go to test-artifacts/.
// Usage: node tests/e2e/page.mjs DIST_DIR ARTIFACT_DIR   (scripts/e2e.sh builds and runs it)
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE || "playwright-core");
const [dist = "dist", artifacts = "test-artifacts"] = process.argv.slice(2);
await mkdir(artifacts, { recursive: true });

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".json": "application/json" };
const SUB = "/sub/dir/";
const server = createServer(async (req, res) => {
  let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path === "/iframe.html") {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end(`<!DOCTYPE html><title>host</title><link rel="icon" href="data:,"><h1 style="font:16px sans-serif">A documentation page</h1>
      <iframe id="f" src="${SUB}?embed=1&generator=synthetic&size=small&run=1" width="800" height="500"
      style="border:1px solid #888"></iframe>`);
  }
  if (path.startsWith("/fixtures/")) {
    // the project's made-up Westermo-format fixtures, for real mode against a local server
    try {
      const body = await readFile(normalize(join("tests", path)));
      res.writeHead(200, { "content-type": "text/csv" });
      return res.end(body);
    } catch { res.writeHead(404); return res.end("not found"); }
  }
  if (path.startsWith(SUB)) path = "/" + path.slice(SUB.length);
  if (path.endsWith("/")) path += "index.html";
  const file = normalize(join(dist, path));
  if (!file.startsWith(normalize(dist))) { res.writeHead(403); return res.end(); }
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch { res.writeHead(404); res.end("not found"); }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});

let passed = 0, failed = 0;
const measures = {};
async function check(name, fn) {
  const t0 = Date.now();
  try { await fn(); passed++; console.log(`ok   ${name} (${Date.now() - t0} ms)`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message.split("\n").slice(0, 6).join("\n     ")}`); }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

// Long tasks on the main thread, recorded from page start.
const LONGTASKS = `window.__longtasks = [];
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longtasks.push([e.startTime, e.duration]); })
    .observe({ type: "longtask", buffered: true }); } catch (e) {}`;

async function newPage(ctx, errors) {
  const page = await ctx.newPage();
  await page.addInitScript(LONGTASKS);
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  page.on("console", (m) => { if (m.type() === "error" && !/favicon/.test(m.text())) errors.push(`console: ${m.text()}`); });
  return page;
}

async function waitDone(page, timeout = 90000) {
  await page.waitForFunction(() => ["done", "error"].includes(document.body.dataset.status), null, { timeout });
  const status = await page.getAttribute("body", "data-status");
  if (status !== "done") throw new Error(`status=${status}: ${await page.textContent("#error")}`);
}

async function inkOf(page, id) {
  return page.$eval(id, (c) => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250)) n++;
    return n;
  });
}

async function reportJson(page) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const path = await dl.path();
  return JSON.parse(await readFile(path, "utf8"));
}

async function assertRows(page) {
  const report = await reportJson(page);
  const rows = await page.$$eval("#rungs tbody tr[data-rung]", (trs) => trs.map((t) => [t.dataset.rung, t.dataset.verified]));
  assert(rows.length === report.rungs.length, `${rows.length} rows but ${report.rungs.length} rungs in the JSON`);
  report.rungs.forEach((r, i) => {
    assert(rows[i][0] === r.name, `row ${i} is ${rows[i][0]}, JSON says ${r.name}`);
    assert(rows[i][1] === "true" && r.verified === true, `rung ${r.name} not verified`);
  });
  assert(report.dataset.points > 0 && report.dataset.seed === 42, "dataset info missing");
  return report;
}

async function runSuite(base, label) {
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  const errors = [];
  const page = await newPage(ctx, errors);
  const url = `${base}?generator=synthetic&size=small&run=1`;
  await check(`${label}: ?run=1 runs the ladder to done, every rung row present and verified`, async () => {
    await page.goto(url);
    await waitDone(page);
    const report = await assertRows(page);
    measures[`${label} rungs`] = report.rungs.length;
    measures[`${label} long tasks from page load to first done (ms)`] =
      (await page.evaluate(() => window.__longtasks)).map(([, d]) => Math.round(d));
    assert(/miss|hit/.test(await page.textContent("#cache-status")), "cache-status says neither hit nor miss");
  });
  await check(`${label}: ratio chart is drawn`, async () => {
    const ink = await inkOf(page, "#chart-ratio");
    assert(ink > 500, `only ${ink} non-white pixels on #chart-ratio`);
  });
  await page.screenshot({ path: join(artifacts, `page-${label}.png`), fullPage: true });
  await check(`${label}: reload -> cache hit`, async () => {
    await page.reload();
    await waitDone(page);
    const s = await page.textContent("#cache-status");
    assert(/hit/.test(s), `cache-status: ${s}`);
  });
  await check(`${label}: Run again (cache hit) measured, no main-thread task > 100 ms`, async () => {
    const t0 = await page.evaluate(() => performance.now());
    await page.click("#run");
    await page.waitForFunction(() => document.body.dataset.status === "running" || document.body.dataset.status === "done");
    await waitDone(page);
    const t1 = await page.evaluate(() => performance.now());
    const long = await page.evaluate(([a, b]) => window.__longtasks.filter(([s]) => s >= a && s <= b), [t0, t1]);
    measures[`${label} small run, cache hit (click to done, ms)`] = Math.round(t1 - t0);
    measures[`${label} progress text`] = await page.textContent("#progress-step");
    measures[`${label} cache status`] = await page.textContent("#cache-status");
    measures[`${label} long tasks during run`] = long.map(([, d]) => Math.round(d));
    assert(/hit/.test(await page.textContent("#cache-status")), "not a hit");
    assert(long.every(([, d]) => d <= 100), `long tasks: ${JSON.stringify(long)}`);
  });
  await check(`${label}: no page errors`, async () => assert(errors.length === 0, errors.join("\n")));
  await ctx.close();
}

if (process.env.E2E_URL) {
  // Only the main suite against a server started elsewhere (e.g. `trunk serve`).
  await runSuite(process.env.E2E_URL, "external");
} else {
await runSuite(`${origin}/`, "root");
await runSuite(`${origin}${SUB}`, "subpath");

{
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  const errors = [];
  const page = await newPage(ctx, errors);
  await check("big: generates, caches, runs; second run is a cache hit (timed)", async () => {
    await page.goto(`${origin}/?generator=synthetic&size=big&run=1`);
    await waitDone(page, 180000);
    measures["big first run (miss), progress text"] = await page.textContent("#progress-step");
    const t0 = await page.evaluate(() => performance.now());
    await page.click("#run");
    await waitDone(page, 180000);
    const t1 = await page.evaluate(() => performance.now());
    measures["big run, cache hit (click to done, ms)"] = Math.round(t1 - t0);
    measures["big cache status"] = await page.textContent("#cache-status");
    const long = await page.evaluate(([a, b]) => window.__longtasks.filter(([s]) => s >= a && s <= b), [t0, t1]);
    measures["big long tasks during run"] = long.map(([, d]) => Math.round(d));
    assert(/hit/.test(await page.textContent("#cache-status")), "not a hit");
    await assertRows(page);
  });
  await ctx.close();
}

{
  const ctx = await browser.newContext({ viewport: { width: 800, height: 500 }, acceptDownloads: true });
  const errors = [];
  const page = await newPage(ctx, errors);
  await check("embed: ?embed=1 compact view fits 800x500 with chart and table", async () => {
    await page.goto(`${origin}/?embed=1&generator=synthetic&size=small&run=1`);
    await waitDone(page);
    assert(await page.$eval("body", (b) => b.classList.contains("embed")), "no embed class");
    assert(!(await page.$eval("#controls", (d) => d.open)), "controls not folded");
    const canvas = await page.$eval("#chart-ratio", (c) => c.getBoundingClientRect().top);
    const table = await page.$eval("#rungs", (t) => t.getBoundingClientRect().top);
    assert(canvas < 500 && table < 500, `chart top ${canvas}, table top ${table}`);
    assert(!(await page.isVisible("#chart-breakdown")), "second chart shown in embed view");
    await page.screenshot({ path: join(artifacts, "embed-800x500.png") });
  });
  await check("embed: inside an iframe on another page, under a sub-path", async () => {
    await page.goto(`${origin}/iframe.html`);
    const frame = page.frame({ url: /sub\/dir/ });
    assert(frame, "no frame");
    await frame.waitForFunction(() => document.body.dataset.status === "done", null, { timeout: 90000 });
    await page.setViewportSize({ width: 900, height: 620 });
    await page.screenshot({ path: join(artifacts, "iframe.png") });
  });
  await check("embed: no page errors", async () => assert(errors.length === 0, errors.join("\n")));
  await ctx.close();
}

{
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const errors = [];
  const page = await newPage(ctx, errors);
  await check("phone width: runs and draws", async () => {
    await page.goto(`${origin}/?generator=random&size=small&seed=7&run=1`);
    await waitDone(page);
    assert((await inkOf(page, "#chart-ratio")) > 200, "blank chart");
    await page.screenshot({ path: join(artifacts, "phone-390.png"), fullPage: true });
    await page.locator("#charts").screenshot({ path: join(artifacts, "phone-390-charts.png") });
  });
  await check("charts redraw at the new width on resize", async () => {
    const before = await page.$eval("#chart-ratio", (c) => c.width);
    await page.setViewportSize({ width: 700, height: 844 });
    await page.waitForFunction((w) => document.querySelector("#chart-ratio").width !== w, before);
    assert((await inkOf(page, "#chart-ratio")) > 200, "blank after resize");
    await page.setViewportSize({ width: 390, height: 844 });
  });
  await check("errors in words: real mode without a loader", async () => {
    await page.goto(`${origin}/?generator=real&size=small&run=1`);
    await page.waitForFunction(() => ["done", "error"].includes(document.body.dataset.status));
    const text = await page.textContent("#error");
    assert((await page.getAttribute("body", "data-status")) === "error" || /real/.test(text), `no error: ${text}`);
    assert(/What to do/.test(text) || (await page.getAttribute("body", "data-status")) === "done", `no advice: ${text}`);
    await page.screenshot({ path: join(artifacts, "error-real.png") });
  });
  await check("real mode: Westermo-format files from a local server, every rung verified, attribution shown", async () => {
    const base = encodeURIComponent(`${origin}/fixtures/westermo/`);
    await page.goto(`${origin}/?generator=real&size=small&base_url=${base}&run=1`);
    await waitDone(page);
    const report = await reportJson(page);
    assert(report.dataset.generator === "real" && report.dataset.points > 0, "no real data set");
    const rows = await page.$$eval("#rungs tbody tr[data-rung]", (trs) => trs.map((t) => t.dataset.verified));
    assert(rows.length === report.rungs.length && rows.every((v) => v === "true"), `rows ${rows}`);
    assert(report.rungs.every((r) => r.verified), "a rung is not verified");
    const attribution = await page.textContent("#attribution");
    assert(/Strandberg/.test(attribution) && await page.isVisible("#attribution"), `attribution: ${attribution}`);
    await page.screenshot({ path: join(artifacts, "real-mode.png"), fullPage: true });
  });
  await check("cancel: a big run can be cancelled and the next run works", async () => {
    await page.goto(`${origin}/?generator=random&size=big&seed=3`);
    await page.waitForFunction(() => document.body.dataset.status === "idle");
    await page.click("#run");
    await page.waitForFunction(() => document.body.dataset.status === "running");
    await page.click("#cancel");
    assert((await page.getAttribute("body", "data-status")) === "idle", "not idle after cancel");
    await page.selectOption("#size", "small");
    await page.click("#run");
    await waitDone(page);
  });
  await check("url state: settings written to the address bar", async () => {
    const u = new URL(page.url());
    assert(u.searchParams.get("size") === "small" && u.searchParams.get("seed") === "3", page.url());
  });
  await check("a bad link still runs, and says in the page what it ignored", async () => {
    await page.goto(`${origin}/?zstd=99&size=huge&run=1`);
    await waitDone(page);
    const notes = await page.textContent("#notices");
    assert(/zstd/.test(notes) && /native-only/.test(notes), `notices: ${notes}`);
  });
  await ctx.close();
}
}

await browser.close();
server.close();
for (const [k, v] of Object.entries(measures)) console.log(`measure: ${k}: ${JSON.stringify(v)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
