import { expect, Page, APIRequestContext } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The three servers of serve.sh: 0 the demo shop, 1 its upstream answers 204, 2 its upstream is stopped. */
export const server = (n = 0) => `http://127.0.0.1:${Number(process.env.E2E_PORT) + n}`;

export function adminKey(file = 'keys.json'): string {
  return JSON.parse(fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, file), 'utf8')).adminKey;
}

/** The admin key of the shop `cartlift simulate` filled (serve.sh). */
export const simulatedShopKey = () => adminKey('sim-keys.json');

/** Opens a page and waits until the widget is hydrated: it reads the cart and its settings on mount. */
export async function gotoHydrated(page: Page, url: string) {
  const cart = page.waitForResponse((r) => r.url().includes('/api/cart_read'));
  const settings = page.waitForResponse((r) => r.url().includes('/api/load_widget_settings'));
  await page.goto(url);
  await Promise.all([cart, settings]);
}

/** Adds a product with the shop's own button (outside the widget) and waits for the widget's count. */
export async function addFromProductPage(page: Page, externalId: string, base = server()) {
  await gotoHydrated(page, `${base}/products/${externalId}`);
  const before = Number(await page.getByTestId('cart-count').textContent());
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('add-status')).not.toBeEmpty();
  await expect(page.getByTestId('cart-count')).toHaveText(String(before + 1));
}

export async function events(request: APIRequestContext, type: string, source: string | null = 'cross_sell'): Promise<any[]> {
  const filter = source == null ? '' : `&source=${source}`;
  const r = await request.get(`${server()}/api/admin/events?type=${type}${filter}&limit=1000`, {
    headers: { 'X-Admin-Key': adminKey() },
  });
  expect(r.status()).toBe(200);
  return (await r.json()).events;
}
