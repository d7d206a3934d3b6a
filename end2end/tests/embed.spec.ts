import { test, expect, Page, Request } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addFromProductPage, events, server } from './helpers';

// The example host shop (examples/host-page) on its own origin, embedding the widget
// served by the demo shop's cartlift with one script tag and the documents' CartConfig.
const host = () => server(3);
const HEART = '85123A';
const LANTERN = '71053';

/** Lets a test change init's options before the loader sees them (the example page
 *  calls init itself): `window.__changeInit(options)`, when a test sets it. */
async function hookInit(page: Page) {
  await page.addInitScript(() => {
    const w = window as any;
    let loader: any;
    Object.defineProperty(w, 'NeuroonWidget', {
      configurable: true,
      get: () => loader,
      set(v) {
        const init = v.init;
        v.init = (o: any) => (w.__handle = init(w.__changeInit ? w.__changeInit(o) : o));
        loader = v;
      },
    });
  });
}

/** Records every call the widget makes to the page's cart callbacks, with its arguments. */
async function spyOnCart(page: Page) {
  await hookInit(page);
  await page.addInitScript(() => {
    const w = window as any;
    w.__cartCalls = [];
    w.__cartTimes = [];
    w.__changeInit = (o: any) => {
      for (const k of Object.keys(o.cart ?? {})) {
        const f = o.cart[k];
        if (typeof f === 'function') {
          o.cart[k] = function (this: unknown, ...args: unknown[]) {
            w.__cartCalls.push([k, ...args]);
            w.__cartTimes.push(Date.now());
            return f.apply(this, args);
          };
        }
      }
      return o;
    };
  });
}

const cartCalls = (page: Page): Promise<any[][]> => page.evaluate(() => (window as any).__cartCalls);

/** Opens the host page with `codes` in its cart (added with the shop's own buttons). */
async function hostWithCart(page: Page, codes: string[] = [HEART]) {
  for (const code of codes) {
    const r = await page.request.post(`${host()}/api/cart/add`, { data: { productId: code, quantity: 1 } });
    expect(r.status()).toBe(200);
  }
  await page.goto(host() + '/');
  await expect(page.getByTestId('cart-button')).toBeVisible();
}

/** Waits until the components have taken over from the loader's shell. */
async function live(page: Page) {
  await page.getByTestId('cart-button').hover();
  await expect(page.getByTestId('cartlift-embed')).toBeAttached();
}

function requests(page: Page, part: string) {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (r.url().includes(part) && r.method() !== 'OPTIONS') seen.push(r);
  });
  return seen;
}

test('one script tag mounts the widget; the drawer reads the host cart and cards appear', async ({ page }) => {
  await spyOnCart(page);
  await hostWithCart(page, [HEART]);
  // The loader drew the button with the page's count before any bundle was fetched.
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  await page.getByTestId('cart-button').click();
  const drawer = page.getByTestId('cart-drawer');
  await expect(drawer).toBeVisible();
  await expect(page.getByTestId('cartlift-embed')).toBeAttached();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line')).toHaveAttribute('data-product-id', HEART);
  const cards = page.getByTestId('cross-sell-card');
  await expect(cards.first()).toBeVisible();
  // Shadow DOM: the widget is not in the page's own tree.
  expect(await page.evaluate(() => document.querySelectorAll('.cart-button').length)).toBe(0);
  expect((await cartCalls(page)).some((c) => c[0] === 'onGetCart')).toBe(true);

  // Add calls onAddToCart with the product id, the quantity and the external id.
  const id = await cards.first().getAttribute('data-product-id');
  const external = await cards.first().getAttribute('data-external-id');
  await cards.first().getByTestId('cross-sell-add').click();
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  expect((await cartCalls(page)).find((c) => c[0] === 'onAddToCart')).toEqual(['onAddToCart', id, 1, external]);
  await expect(page.getByTestId('cart-count')).toHaveText('2');
  // The shop's own mini-cart follows: its CartConfig updates it on every read.
  await expect(page.locator('#mini-count')).toHaveText('2');
});

test('the widget keeps an anonymous visitor id, sends it, and each drawer is an exposure in its arm', async ({ page, request }) => {
  const crossSell = requests(page, '/api/widget/cart/cross-sell');
  await hostWithCart(page, [HEART]);
  await page.getByTestId('cart-button').click();
  const card = page.getByTestId('cross-sell-card').first();
  await expect(card).toBeVisible();
  const ids = () =>
    page.evaluate(() => {
      const w = (window as any).NeuroonWidget;
      return {
        visitor: localStorage.getItem('cartlift.visitor'),
        session: sessionStorage.getItem('cartlift.session'),
        hostVisitor: w.visitorId(),
        hostSession: w.sessionId(),
      };
    });
  const first = await ids();
  expect(first.visitor).toMatch(/^[0-9a-f]{32}$/);
  expect(first.session).toMatch(/^[0-9a-f]{32}$/);
  expect(first.session).not.toBe(first.visitor);
  // What the host reads for its orders (POST /api/admin/orders visitorId, sessionId).
  expect(first.hostVisitor).toBe(first.visitor);
  expect(first.hostSession).toBe(first.session);
  expect(crossSell.length).toBeGreaterThan(0);
  expect(await crossSell[0].headerValue('x-visitor-id')).toBe(first.visitor);

  // The drawer put the visitor in the experiment, in the arm the API named (the
  // browser tests' demo shop has no holdout: treatment).
  const mine = async (type: string, source: string | null) =>
    (await events(request, type, source)).filter((e) => e.metadata?.visitorId === first.visitor);
  await expect.poll(async () => (await mine('exposure', null)).length).toBeGreaterThan(0);
  expect((await mine('exposure', null))[0].metadata).toMatchObject({ sessionId: first.session, arm: 'treatment' });
  // The cards' impressions and an add carry the ids too.
  await expect.poll(async () => (await mine('impression', 'cross_sell')).length).toBeGreaterThan(0);
  await card.getByTestId('cross-sell-add').click();
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  await expect.poll(async () => (await mine('click', 'cross_sell')).length).toBe(1);
  expect((await mine('click', 'cross_sell'))[0].metadata).toMatchObject({ sessionId: first.session, action: 'add' });

  // The same visitor after a reload; a new tab is a new session of the same visitor.
  await page.reload();
  await expect(page.getByTestId('cart-button')).toBeVisible();
  expect(await ids()).toEqual(first);
  const other = await page.context().newPage();
  await other.goto(host() + '/');
  await expect(other.getByTestId('cart-button')).toBeVisible();
  const again = await other.evaluate(() => [localStorage.getItem('cartlift.visitor'), sessionStorage.getItem('cartlift.session')]);
  expect(again[0]).toBe(first.visitor);
  expect(again[1]).not.toBe(first.session);
  await other.close();
});

test('a host may give its own anonymous visitor id; a malformed one is refused', async ({ page }) => {
  // The example page's init, with the host's id for the visitor added.
  await hookInit(page);
  await page.addInitScript(() => {
    (window as any).__changeInit = (o: any) => (o.visitorId ? o : { ...o, visitorId: 'host-visitor-7' });
  });
  const crossSell = requests(page, '/api/widget/cart/cross-sell');
  await hostWithCart(page, [HEART]);
  await page.getByTestId('cart-button').click();
  await expect(page.getByTestId('cross-sell-card').first()).toBeVisible();
  expect(await crossSell[0].headerValue('x-visitor-id')).toBe('host-visitor-7');
  expect(await page.evaluate(() => (window as any).NeuroonWidget.visitorId())).toBe('host-visitor-7');

  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const refused = await page.evaluate(() => {
    const el = document.createElement('div');
    document.body.appendChild(el);
    return (window as any).NeuroonWidget.init({ container: el, token: 'clw_x', visitorId: 'has spaces' }) === null;
  });
  expect(refused).toBe(true);
  await expect.poll(() => errors.join(' ')).toContain('option "visitorId" must be your anonymous id');
});

test('a refused, a rejected and an unanswered add each end in a toast and change nothing', async ({ page }) => {
  test.setTimeout(60_000);
  await hostWithCart(page, [HEART]);
  await page.getByTestId('cart-button').click();
  const add = page.getByTestId('cross-sell-add').first();
  await expect(add).toBeVisible();
  const toast = page.getByTestId('toast-error');

  // success: false (the shop's API refuses).
  await page.route('**/api/cart/add', (r) => r.fulfill({ status: 409, body: '{}' }));
  await add.click();
  await expect(toast.last()).toHaveText('Could not add item');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-count')).toHaveText('1');

  // A rejected Promise (the shop's fetch fails).
  await page.unroute('**/api/cart/add');
  await page.route('**/api/cart/add', (r) => r.abort());
  await add.click();
  await expect(toast.last()).toContainText('onAddToCart failed');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);

  // A callback that never answers: given up after 10 s.
  await page.unroute('**/api/cart/add');
  await page.route('**/api/cart/add', () => {});
  await add.click();
  await expect(toast.last()).toContainText('did not answer within 10 s', { timeout: 15_000 });
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-count')).toHaveText('1');
});

test('a malformed cart from onGetCart is an error toast, not a broken widget', async ({ page }) => {
  await page.route(`${host()}/api/cart`, async (r) => {
    const res = await r.fetch();
    const data = await res.json();
    // The host's data loses the fields the contract needs.
    data.items = data.items.map((i: any) => ({ ...i, line_item_key: undefined, qty: 'two' }));
    await r.fulfill({ response: res, json: data });
  });
  await hostWithCart(page, [HEART]);
  await live(page);
  await expect(page.getByTestId('toast-error').first()).toContainText('The cart could not be read');
  await expect(page.getByTestId('cart-count')).toHaveText('1');
});

test('a burst of update events leads to one onGetCart, 300 ms after the last', async ({ page }) => {
  await spyOnCart(page);
  await hostWithCart(page, [HEART]);
  await live(page);
  await expect.poll(async () => (await cartCalls(page)).filter((c) => c[0] === 'onGetCart').length).toBe(1);
  const before = (await cartCalls(page)).length;
  const fired = await page.evaluate(() => {
    for (let i = 0; i < 5; i++) window.dispatchEvent(new CustomEvent('neuroon:cart-update'));
    return Date.now();
  });
  await page.waitForTimeout(1000);
  // One read, and not before 300 ms after the last event (the page's own clock: a
  // check from the test at 250 ms raced the timer on a busy machine).
  const reads = await page.evaluate((from) => {
    const w = window as any;
    return w.__cartCalls
      .map((c: any[], i: number) => [c[0], w.__cartTimes[i]])
      .slice(from)
      .filter((c: any[]) => c[0] === 'onGetCart');
  }, before);
  expect(reads).toHaveLength(1);
  expect(reads[0][1] - fired).toBeGreaterThanOrEqual(299);
});

test('the WooCommerce bridge with jQuery reaches the widget', async ({ page }) => {
  await hostWithCart(page, [HEART]);
  // A WordPress page: jQuery, then the documents' bridge snippet as the example carries it.
  await page.addScriptTag({ path: path.join(__dirname, '..', 'node_modules', 'jquery', 'dist', 'jquery.min.js') });
  const example = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'host-page', 'index.html'), 'utf8');
  const bridge = /<script>\s*(\(function\(\) \{[\s\S]*?notifyNeuroon[\s\S]*?\}\)\(\))\s*<\/script>/.exec(example)![1];
  await page.addScriptTag({ content: bridge });
  await live(page);
  // Another plugin changes the cart behind the widget's back, then jQuery says so.
  await page.request.post(`${host()}/api/cart/add`, { data: { productId: LANTERN, quantity: 2 } });
  await page.evaluate(() => (window as any).jQuery(document.body).trigger('added_to_cart'));
  await expect(page.getByTestId('cart-count')).toHaveText('3');
});

test('openCart() opens the drawer; opening it again with the same cart asks nothing', async ({ page }) => {
  await hostWithCart(page, [HEART]);
  const asked = requests(page, '/api/widget/cart/cross-sell');
  await page.evaluate(() => (window as any).NeuroonWidget.openCart());
  await expect(page.getByTestId('cart-drawer')).toBeVisible();
  await expect(page.getByTestId('cross-sell-card').first()).toBeVisible();
  expect(asked).toHaveLength(1);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cart-drawer')).toHaveCount(0);
  await expect(page.getByTestId('cart-button')).toBeFocused();
  await page.getByTestId('cart-button').click();
  await expect(page.getByTestId('cross-sell-card').first()).toBeVisible();
  await page.waitForTimeout(800);
  expect(asked).toHaveLength(1);
});

/** A page written by the test on a real page's origin (the example host's by default),
 *  loading the widget from cartlift. (A page made up by `route.fulfill` would have no
 *  address space, and Chromium would refuse it the loopback server.) */
async function customPage(page: Page, body: string, origin = host()) {
  const token = fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, 'host-token'), 'utf8').trim();
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
    <script src="${server()}/widget.js"></script></head><body>${body.replaceAll('TOKEN', token)}</body></html>`;
  await page.goto(origin === host() ? `${origin}/checkout` : `${origin}/`);
  await page.setContent(html);
}

const CART = `{
  enabled: true,
  onGetCart: async () => ({ items: [{ key: 'a', id: '${HEART}', name: 'Heart', price: '£2.95', quantity: 1 }], totalItems: 1, subtotal: '£2.95', total: '£2.95', currency: 'GBP' }),
  onAddToCart: async () => ({ success: false, error: 'no' }),
  onRemoveFromCart: async () => ({ success: false }),
  onUpdateQuantity: async () => ({ success: false }),
  onCheckout() {},
}`;

test('bad options name the option in one console error and mount nothing; a second init is refused', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await customPage(page, `<div id="w"></div><div id="v"></div><script>
    const N = window.NeuroonWidget;
    window.results = [
      N.init({ container: '#nowhere', token: 'TOKEN' }),
      N.init({ container: '#w', token: 'TOKEN', cart: Object.assign(${CART}, { onGetCart: 'not a function' }) }),
      N.init({ container: '#w', token: 'TOKEN', cart: Object.assign(${CART}, { enabled: 'yes' }) }),
      N.init({ container: '#w', token: '' }),
    ];
    window.first = window.Cartlift.init({ container: '#v', token: 'TOKEN', cart: ${CART} });
    window.second = N.init({ container: document.getElementById('v'), token: 'TOKEN', cart: ${CART} });
  </script>`);
  expect(await page.evaluate(() => (window as any).results)).toEqual([null, null, null, null]);
  expect(errors.slice(0, 4)).toEqual([
    expect.stringContaining('"container"'),
    expect.stringContaining('"cart.onGetCart" must be a function'),
    expect.stringContaining('"cart.enabled" must be true or false'),
    expect.stringContaining('"token"'),
  ]);
  expect(errors[4]).toContain('already has a widget');
  expect(await page.evaluate(() => (window as any).second)).toBeNull();
  await expect(page.locator('#w cartlift-widget')).toHaveCount(0);
  await expect(page.locator('#v cartlift-widget')).toHaveCount(1);
  // destroy() takes it away; the container can have a widget again.
  await page.evaluate(() => (window as any).first.destroy());
  await expect(page.locator('#v cartlift-widget')).toHaveCount(0);
});

test('cart.enabled = false: search but no cart button and no drawer', async ({ page }) => {
  await customPage(page, `<div id="w"></div><script>
    window.h = NeuroonWidget.init({ container: '#w', token: 'TOKEN', cart: { enabled: false } });
  </script>`);
  await expect(page.getByTestId('assistant-input')).toBeVisible();
  await expect(page.getByTestId('cart-button')).toHaveCount(0);
  const searches = requests(page, '/api/widget/search');
  await page.getByTestId('assistant-input').fill('lantern');
  await page.getByTestId('assistant-input').press('Enter');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
  const post = searches.find((r) => r.method() === 'POST')!;
  expect(post.postDataJSON().cartSnapshot).toBeUndefined();
  await expect(page.getByTestId('search-result').first().locator('.result-add')).toHaveCount(0);
  await page.evaluate(() => (window as any).h.openCart());
  await expect(page.getByTestId('cart-drawer')).toHaveCount(0);
});

test("the host page's styles and the widget's do not touch each other", async ({ page }) => {
  await hostWithCart(page, [HEART]);
  const probe = () =>
    page.evaluate(() =>
      ['body', '.top', '.logo', '.mini-cart', '#mini-empty', 'button.add', 'h1', '.product', 'footer'].map((s) => {
        const c = getComputedStyle(document.querySelector(s)!);
        return [s, c.fontFamily, c.fontSize, c.color, c.backgroundColor, c.margin, c.padding, c.letterSpacing, c.textTransform, c.boxSizing].join('|');
      }),
    );
  const before = await probe();
  await page.getByTestId('cart-button').click();
  await expect(page.getByTestId('cross-sell-card').first()).toBeVisible();
  expect(await probe()).toEqual(before);
  // And the theme's `button { background: #7a2e2e; text-transform: uppercase }` stops at the shadow root.
  const checkout = page.getByTestId('checkout');
  await expect(checkout).toHaveCSS('text-transform', 'none');
  await expect(checkout).toHaveCSS('background-color', 'rgb(47, 111, 94)');
  await expect(page.getByTestId('cart-drawer')).toHaveCSS('font-family', /system-ui/);
});

test('the host themes the widget with custom properties', async ({ page }) => {
  await customPage(page, `<div id="w" style="--cartlift-accent: rgb(200, 0, 100); --cartlift-radius: 2px"></div><script>
    NeuroonWidget.init({ container: '#w', token: 'TOKEN', cart: ${CART} });
  </script>`);
  await page.getByTestId('cart-button').click();
  await expect(page.getByTestId('checkout')).toHaveCSS('background-color', 'rgb(200, 0, 100)');
  await expect(page.getByTestId('checkout')).toHaveCSS('border-radius', '2px');
});

test('an origin the shop does not allow gets no answers', async ({ page }) => {
  // Same token, another origin (the second storefront's): the browser's preflight is
  // refused, so the call fails and nothing is read.
  const failed = page.waitForEvent('requestfailed', (r) => r.url().includes('/api/widget/search'));
  await customPage(page, `<div id="w"></div><script>
    NeuroonWidget.init({ container: '#w', token: 'TOKEN', cart: { enabled: false } });
  </script>`, server(1));
  await page.getByTestId('assistant-input').fill('lantern');
  await page.getByTestId('assistant-input').press('Enter');
  await failed;
  await expect(page.getByTestId('toast-error')).toBeVisible();
  await expect(page.getByTestId('search-result')).toHaveCount(0);
  // What the browser was told: the shop's own origin may, the other may not.
  const preflight = (origin: string) =>
    page.request.fetch(`${server()}/api/widget/search`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, x-widget-token' },
    });
  expect((await preflight(server(1))).status()).toBe(403);
  const allowed = await preflight(host());
  expect(allowed.status()).toBe(204);
  expect(allowed.headers()['access-control-allow-origin']).toBe(host());
});

test('axe finds no serious or critical violation in the open drawer of either mount', async ({ page }) => {
  for (const mount of ['embed', 'storefront']) {
    if (mount === 'embed') await hostWithCart(page, [HEART]);
    else await addFromProductPage(page, HEART);
    await page.getByTestId('cart-button').click();
    await expect(page.getByTestId('cross-sell-card').first()).toBeVisible();
    // In the embed the drawer is inside the widget's shadow root.
    const drawer = mount === 'embed' ? ['cartlift-widget', '[data-testid="cart-drawer"]'] : '[data-testid="cart-drawer"]';
    const result = await new AxeBuilder({ page }).include(drawer).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${mount}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  }
});
