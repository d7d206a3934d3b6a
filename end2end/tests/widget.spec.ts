import { test, expect, Page, Request } from '@playwright/test';
import { addFromProductPage, adminKey, events, gotoHydrated, server } from './helpers';

// The demo shop's best-known product: WHITE HANGING HEART T-LIGHT HOLDER.
const HEART = '85123A';

function crossSellCalls(page: Page) {
  const calls: { at: number; body: any }[] = [];
  page.on('request', (r: Request) => {
    if (r.url().includes('/api/fetch_cross_sell')) calls.push({ at: Date.now(), body: r.postDataJSON() });
  });
  return calls;
}

test('the drawer shows what shoppers bought with the cart', async ({ page }) => {
  await addFromProductPage(page, HEART);
  await page.getByTestId('cart-button').click();
  const cards = page.getByTestId('cross-sell-card');
  await expect(cards.first()).toBeVisible();
  const n = await cards.count();
  expect(n).toBeGreaterThan(1);
  expect(n).toBeLessThanOrEqual(6);
  // The shop runs in Spanish: the reason comes in Spanish, naming the cart product.
  await expect(cards.first().locator('.xs-reason')).toHaveText(/^Se compra a menudo con WHITE HANGING HEART/);
  const ids = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-external-id')));
  expect(ids).not.toContain(HEART);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
});

test('adding a suggestion refreshes the cart, then the section once per burst of changes', async ({ page }) => {
  await addFromProductPage(page, HEART);
  const calls = crossSellCalls(page);
  await page.getByTestId('cart-button').click();
  const cards = page.getByTestId('cross-sell-card');
  await expect(cards.first()).toBeVisible();
  expect(calls).toHaveLength(1);
  const shown = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-product-id')));

  // A burst: add the first suggestion, then two more of it.
  const started = Date.now();
  await cards.first().getByTestId('cross-sell-add').click();
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  const added = page.getByTestId('cart-line').nth(1);
  const more = added.getByRole('button', { name: /^Uno más/ });
  for (const q of ['2', '3']) {
    await more.click();
    await expect(added.getByTestId('line-quantity')).toHaveText(q);
    // The line updates in place: the focus stays on the button pressed.
    await expect(more).toBeFocused();
  }
  await expect(page.getByTestId('cart-count')).toHaveText('4');
  await expect.poll(() => calls.length, { timeout: 5000 }).toBe(2);
  await page.waitForTimeout(1200);
  expect(calls).toHaveLength(2);
  // After the debounce, not before; the cards already shown go out as excluded.
  expect(calls[1].at - started).toBeGreaterThanOrEqual(600);
  expect(calls[1].body.product_ids).toHaveLength(2);
  expect(calls[1].body.exclude_product_ids).toEqual(expect.arrayContaining(shown));
  await expect(cards.first()).toBeVisible();
  const now = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-product-id')));
  expect(now.filter((id) => shown.includes(id))).toEqual([]);
});

test('clicks and impressions of the cards are stored with source cross_sell', async ({ page, request }) => {
  await addFromProductPage(page, HEART);
  await page.getByTestId('cart-button').click();
  const first = page.getByTestId('cross-sell-card').first();
  await expect(first).toBeVisible();
  const id = await first.getAttribute('data-product-id');
  await first.locator('a.xs-link').click();
  await expect(page.getByTestId('product-detail')).toHaveAttribute('data-product-id', id!);
  await expect
    .poll(async () => (await events(request, 'click')).some((e) => e.metadata.productId === id && e.metadata.position === 1))
    .toBe(true);
  const click = (await events(request, 'click')).find((e) => e.metadata.productId === id);
  expect(click.metadata).toMatchObject({ source: 'cross_sell', action: 'open' });
  expect((await events(request, 'impression')).some((e) => e.metadata.productId === id)).toBe(true);
});

test('the cart-update event re-reads the cart once per burst; the shop page changes reach the widget', async ({ page }) => {
  await addFromProductPage(page, HEART);
  await gotoHydrated(page, '/cart');
  let reads = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/cart_read')) reads++;
  });
  await page.evaluate(() => {
    for (let i = 0; i < 3; i++) window.dispatchEvent(new CustomEvent('neuroon:cart-update'));
  });
  await page.waitForTimeout(1000);
  expect(reads).toBe(1);
  // The cart page is the shop's own mini-cart: it changes the cart, then fires the event.
  await page.getByTestId('page-more').click();
  await expect(page.getByTestId('page-quantity')).toHaveText('2');
  await expect(page.getByTestId('cart-count')).toHaveText('2');
});

test('a 204 from the API hides the section; the drawer works', async ({ page }) => {
  await addFromProductPage(page, HEART, server(1));
  const answer = page.waitForResponse((r) => r.url().includes('/api/fetch_cross_sell'));
  await page.getByTestId('cart-button').click();
  const r = await answer;
  expect(r.status()).toBe(200);
  expect(await r.text()).toBe('null');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cross-sell')).toHaveCount(0);
});

test('with the upstream stopped the drawer still works', async ({ page }) => {
  await addFromProductPage(page, HEART, server(2));
  const answer = page.waitForResponse((r) => r.url().includes('/api/fetch_cross_sell'));
  await page.getByTestId('cart-button').click();
  expect((await answer).status()).toBeGreaterThanOrEqual(500);
  await expect(page.getByTestId('cross-sell')).toHaveCount(0);
  await page.getByRole('button', { name: /^Uno más/ }).click();
  await expect(page.getByTestId('line-quantity')).toHaveText('2');
  await expect(page.getByTestId('cart-subtotal')).toHaveText('£5.90');
});

test('a failing host callback shows a toast and leaves the cart as it was', async ({ page, request }) => {
  await addFromProductPage(page, HEART);
  await page.getByTestId('cart-button').click();
  const first = page.getByTestId('cross-sell-card').first();
  await expect(first).toBeVisible();
  const external = (await first.getAttribute('data-external-id'))!;
  // Sold out since the card was shown: the shop refuses the add.
  const stock = (body: object) =>
    request.patch(`${server()}/api/admin/products/${external}/stock`, { headers: { 'X-Admin-Key': adminKey() }, data: body });
  expect((await stock({ stock: 0 })).status()).toBe(200);
  try {
    await first.getByTestId('cross-sell-add').click();
    await expect(page.getByTestId('toast-error')).toContainText('out of stock');
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await expect(page.getByTestId('cart-count')).toHaveText('1');
  } finally {
    await stock({ stock: null, available: true });
  }
});

test('the destination country goes to the host silently and stays', async ({ page }) => {
  await addFromProductPage(page, HEART);
  await page.getByTestId('cart-button').click();
  await expect(page.getByTestId('shipping')).toContainText('Te faltan £37.05 para el envío gratis');
  const saved = page.waitForResponse((r) => r.url().includes('/api/cart_set_country'));
  await page.getByTestId('ship-to').selectOption('ES');
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await gotoHydrated(page, '/');
  await page.getByTestId('cart-button').click();
  await expect(page.getByTestId('ship-to')).toHaveValue('ES');
});

test('the drawer is a dialog that keeps the keyboard inside', async ({ page }) => {
  await addFromProductPage(page, HEART);
  const button = page.getByTestId('cart-button');
  await button.click();
  const close = page.getByRole('button', { name: 'Cerrar carrito' });
  await expect(close).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('checkout')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(close).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(button).toBeFocused();
});

test('a checkout closes the cart as an order that the next drawer learns from', async ({ page, request }) => {
  // A new product nobody has bought: it has no history until this checkout.
  const put = await request.put(`${server()}/api/admin/products`, {
    headers: { 'X-Admin-Key': adminKey() },
    data: { externalId: 'E2E-LANTERN', name: 'E2E GLASS LANTERN', price: 4.5, categories: ['lighting'] },
  });
  expect(put.status()).toBe(200);
  await addFromProductPage(page, 'E2E-LANTERN');
  await addFromProductPage(page, '22423');
  await gotoHydrated(page, '/checkout');
  await page.getByTestId('place-order').click();
  await expect(page.getByTestId('order-number')).toHaveText(/^web-/);
  await expect(page.getByTestId('cart-count')).toHaveText('0');

  await addFromProductPage(page, 'E2E-LANTERN');
  await page.getByTestId('cart-button').click();
  const first = page.getByTestId('cross-sell-card').first();
  await expect(first).toHaveAttribute('data-external-id', '22423');
  await expect(first.locator('.xs-reason')).toHaveText('Se compra a menudo con E2E GLASS LANTERN');
});
