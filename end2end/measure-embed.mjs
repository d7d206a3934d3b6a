// What a host page pays for the embedded widget, measured in Chromium against the
// example host shop (examples/host-page) on another origin:
//   - bytes before any interaction (the loader, with the widget's styles inside it),
//     and the bundle fetched on intent, gzip and brotli;
//   - click on the cart button -> the drawer painted, with the bundle not yet loaded;
//   - init -> the button interactive, and intent -> the components in place;
//   - the layout shift the widget causes on the page (load, takeover, drawer).
// Usage: node measure-embed.mjs <cartlift URL> <host URL> <site folder>   (scripts/measure runs it)
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const [cartlift, host, site] = process.argv.slice(2);
const sizes = (file) => {
  const raw = readFileSync(file);
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, br };
};
const fmt = (s) => `${s.raw.toLocaleString('en')} B raw, ${s.gzip.toLocaleString('en')} B gzip, ${s.br.toLocaleString('en')} B brotli`;
const loader = sizes(`${site}/widget.js`);
const wasm = sizes(`${site}/pkg/embed.wasm`);
const glue = sizes(`${site}/pkg/embed.js`);
console.log(`loader widget.js (JS + the widget's CSS): ${fmt(loader)}   (budget: 10 KB compressed before any interaction)`);
console.log(`bundle on intent: embed.wasm ${fmt(wasm)}; embed.js ${fmt(glue)}`);
console.log(`  bundle brotli total ${(wasm.br + glue.br).toLocaleString('en')} B   (goal 150 KB)`);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
const paint = [], ready = [], initMs = [], shifts = [], loadShifts = [], before = [];
const runs = 10;
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    // init -> the loader's button in place and listening.
    const wrap = (v) => {
      const init = v.init;
      v.init = (o) => {
        const t0 = performance.now();
        const h = init(o);
        window.__initMs = performance.now() - t0;
        window.__handle = h;
        return h;
      };
      return v;
    };
    let real;
    Object.defineProperty(window, 'NeuroonWidget', { configurable: true, get: () => real, set: (v) => { real = wrap(v); } });
  });
  const fromCartlift = [];
  page.on('request', (r) => {
    if (r.url().startsWith(cartlift) && r.method() !== 'OPTIONS') fromCartlift.push(r.url().slice(cartlift.length));
  });
  await context.request.post(`${host}/api/cart/add`, { data: { productId: '85123A', quantity: 1 } });
  await page.goto(`${host}/`);
  await page.waitForFunction(() => window.__handle);
  await page.waitForTimeout(500);
  before.push(fromCartlift.filter((u) => !u.startsWith('/art/')).join(' '));
  initMs.push(await page.evaluate(() => window.__initMs));
  loadShifts.push(await page.evaluate(() => window.__shift));
  // Click to the drawer painted: the loader's shell, the bundle still on its way.
  const t = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const root = document.querySelector('cartlift-widget').shadowRoot;
        const t0 = performance.now();
        root.querySelector('[data-testid="cart-button"]').click();
        const drawn = root.querySelector('[data-testid="cart-drawer"]') !== null;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({ ms: performance.now() - t0, drawn })));
      }),
  );
  if (!t.drawn) throw new Error('the click did not draw the drawer at once');
  paint.push(t.ms);
  const t1 = Date.now();
  await page.waitForFunction(() => document.querySelector('cartlift-widget').shadowRoot.querySelector('[data-testid="cartlift-embed"]'));
  ready.push(Date.now() - t1);
  await page.waitForFunction(() => document.querySelector('cartlift-widget').shadowRoot.querySelector('[data-testid="cross-sell-card"]'));
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  shifts.push(await page.evaluate(() => window.__shift));
  await context.close();
}
await browser.close();
console.log(`requests to cartlift before any interaction: ${[...new Set(before)].join(' | ')}`);
console.log(`init -> button drawn and listening: median ${median(initMs).toFixed(2)} ms, max ${max(initMs).toFixed(2)} ms`);
console.log(`click -> drawer painted (loader's shell, bundle not loaded): median ${median(paint).toFixed(1)} ms, max ${max(paint).toFixed(1)} ms over ${runs} runs   (goal 100 ms)`);
console.log(`click -> components in place (bundle fetched, compiled, mounted; loopback): median ${median(ready)} ms, max ${max(ready)} ms`);
console.log(`layout shift on the host page: page load with the widget drawn, max ${max(loadShifts).toFixed(3)}; in all (load, takeover, drawer open and closed), max ${max(shifts).toFixed(3)}   (goal 0.000)`);
