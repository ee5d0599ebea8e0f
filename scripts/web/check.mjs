// Drives an exported argmap web page in headless Chromium, as a reader would (clicks, keys and
// typing only), and writes what it saw as JSON (tests/web.rs asserts on it): the page opened
// from a file with every request recorded, every box as drawn (its place on the screen, its
// caption and the text it shows), the claim clicked, a link followed, Back, a branch collapsed,
// a search, the arrow keys; screenshots of the desktop and a phone-sized window. With a second
// page (a large map), the frame times while dragging it.
//
//   node check.mjs PAGE.html OUT.json SHOT.png [PHONE.png] [LARGE.html]
import puppeteer from "puppeteer-core";

const [page_path, out_path, shot_path, phone_path, large_path] = process.argv.slice(2);
const fs = await import("node:fs");
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none", "--disable-lcd-text", "--force-color-profile=srgb", "--hide-scrollbars"],
});
const out = { requests: [], errors: [] };
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const url = "file://" + page_path;
  // Every request but the page itself (its #fragment aside) and the data URL of its font.
  const bare = (u) => u.split("#")[0];
  page.on("request", (r) => { if (bare(r.url()) !== url && !r.url().startsWith("data:")) out.requests.push(r.url()); });
  page.on("pageerror", (e) => out.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") out.errors.push(m.text()); });
  await page.goto(url, { waitUntil: "load" });
  const state = () => page.evaluate(() => window.argmap.state());
  const panel = () => page.$eval("#panel", (e) => (e.hidden ? "" : e.innerText));
  const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
  const centreOf = async (selector) => {
    const box = await (await page.$(selector)).boundingBox();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const indexOf = (id) => page.evaluate((id) => JSON.parse(document.getElementById("data").textContent).nodes.findIndex((n) => n.id === id), id);
  // A statement selected as a reader does: F for the whole map, then a click on its box.
  const clickBox = async (id) => {
    await page.focus("#view");
    await page.keyboard.press("f");
    await settle(200);
    const c = await centreOf(`#s${await indexOf(id)}`);
    await page.mouse.click(c.x, c.y);
    await settle();
  };

  // Every box as the reader sees it: where it is on the screen, its caption and the lines of
  // its text (the body's size), the whole map in view.
  out.boxes = await page.$$eval("g.box", (gs) => gs.map((g) => {
    const r = g.getBoundingClientRect();
    const texts = [...g.querySelectorAll("text")];
    return {
      i: Number(g.dataset.i),
      rect: [r.x, r.y, r.width, r.height].map((v) => Math.round(v)),
      caption: texts.length ? texts[0].textContent : "",
      lines: texts.filter((t) => t.getAttribute("font-size") === "14").map((t) => t.textContent),
    };
  }));

  // The claim, clicked.
  const claim = await centreOf('g.box[aria-label^="claim."]');
  await page.mouse.click(claim.x, claim.y);
  await settle();
  out.claim = { state: await state(), panel: await panel(), focused: await page.evaluate(() => document.activeElement.getAttribute("aria-label")) };
  await page.screenshot({ path: shot_path });

  // Its first link followed: that statement selected and centred.
  const link = await page.$eval("#panel .links a", (a) => a.textContent);
  await page.click("#panel .links a");
  await settle();
  const s = await state();
  const at = await centreOf(`#s${await page.evaluate((id) => JSON.parse(document.getElementById("data").textContent).nodes.findIndex((n) => n.id === id), s.selected)}`);
  const now = await page.$eval("#view", (e) => { const r = e.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
  out.link = { text: link, state: s, offset: Math.hypot(at.x - now.x, at.y - now.y), hash: await page.evaluate(() => location.hash) };

  // Back: the claim again.
  await page.evaluate(() => history.back());
  await settle();
  out.back = { state: await state(), hash: await page.evaluate(() => location.hash) };

  // A branch collapsed from the panel, then expanded.
  await clickBox("pragmatic-short-term");
  const boxesShown = () => page.$$eval("g.box", (gs) => gs.filter((g) => g.style.display !== "none").length);
  const before = await boxesShown();
  await page.click("#panel button.fold");
  await settle(100);
  out.collapse = { before, after: await boxesShown(), state: await state(), button: await page.$eval("#panel button.fold", (b) => b.textContent), pill: await page.$eval(".pill text", (t) => t.textContent) };
  await page.click("#panel button.fold");
  await settle(100);
  out.collapse.expanded = await boxesShown();

  // A search: typed, Enter goes to the first match.
  await page.click("#search");
  await page.keyboard.type("Barkhane");
  await page.keyboard.press("Enter");
  await settle();
  out.search = { found: await page.$eval("#found", (e) => e.textContent), state: await state(), matches: await page.$$eval("g.box.match", (gs) => gs.length) };

  // The arrow keys: Up from a reason goes to what it supports.
  await clickBox("host-state-consent");
  await page.keyboard.press("ArrowUp");
  await settle();
  out.keys = { up: (await state()).selected, focused: await page.evaluate(() => document.activeElement.getAttribute("aria-label")) };
  await page.keyboard.press("ArrowDown");
  await settle();
  out.keys.down = (await state()).selected;

  // A phone-sized window: the panel under the map, the page not wider than the screen.
  if (phone_path) {
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    // From the reason selected above, Up goes to the claim (on a phone the whole map is too
    // small to click a box in).
    await page.focus("#view");
    await page.keyboard.press("ArrowUp");
    await settle();
    out.phone_selected = (await state()).selected;
    out.phone = await page.evaluate(() => {
      const v = document.getElementById("view").getBoundingClientRect();
      const p = document.getElementById("panel").getBoundingClientRect();
      return { panelBelow: p.top >= v.bottom - 1, width: document.documentElement.scrollWidth };
    });
    await page.screenshot({ path: phone_path });
  }

  // A large map: frame times while it is dragged across.
  if (large_path) {
    const big = await browser.newPage();
    await big.setViewport({ width: 1400, height: 900 });
    const started = Date.now();
    await big.goto("file://" + large_path, { waitUntil: "load" });
    out.large = { load_ms: Date.now() - started };
    // The claim selected from the keyboard: Tab, past the search field and the buttons, into
    // the map selects it.
    for (let k = 0; k < 12 && !(await big.evaluate(() => document.activeElement.id === "view")); k++) {
      await big.keyboard.press("Tab");
    }
    await settle(800);
    out.large.selected = (await big.evaluate(() => window.argmap.state())).selected;
    out.large.claim = await big.evaluate(() => JSON.parse(document.getElementById("data").textContent).nodes.find((n) => n.parent === null).id);
    await big.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      const loop = (t) => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(loop); };
      requestAnimationFrame(loop);
    });
    await big.mouse.move(900, 500);
    await big.mouse.down();
    for (let k = 0; k < 150; k++) {
      await big.mouse.move(900 - k * 4, 500 - k * 2);
      await new Promise((r) => setTimeout(r, 8));
    }
    await big.mouse.up();
    const frames = await big.evaluate(() => { window.__stop = true; return window.__frames.slice(2); });
    frames.sort((a, b) => a - b);
    const q = (f) => frames[Math.min(frames.length - 1, Math.floor(f * frames.length))];
    out.large.frames = { count: frames.length, median: q(0.5), p95: q(0.95), max: frames[frames.length - 1] };
  }
} catch (e) {
  out.errors.push(String(e && e.stack ? e.stack : e));
} finally {
  await browser.close();
  fs.writeFileSync(out_path, JSON.stringify(out, null, 2));
}
