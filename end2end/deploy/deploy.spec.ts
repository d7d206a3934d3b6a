import { test, expect, Page, APIRequestContext } from '@playwright/test';

// Through nginx, from the installed tarball: the page hydrates, the drawer shows
// cross-sell cards, and a click on one is stored (read back through the admin API).

// The demo shop's best-known product: WHITE HANGING HEART T-LIGHT HOLDER.
const HEART = '85123A';

/** Opens a page and waits until the widget is hydrated (it reads the cart and its settings on mount). */
async function gotoHydrated(page: Page, url: string) {
  const cart = page.waitForResponse((r) => r.url().includes('/api/cart_read'));
  const settings = page.waitForResponse((r) => r.url().includes('/api/load_widget_settings'));
  await page.goto(url);
  await Promise.all([cart, settings]);
}

async function clicks(request: APIRequestContext): Promise<any[]> {
  const r = await request.get('/api/admin/events?type=click&source=cross_sell&limit=1000', {
    headers: { 'X-Admin-Key': process.env.DEPLOY_ADMIN_KEY! },
  });
  expect(r.status()).toBe(200);
  return (await r.json()).events;
}

test('through the proxy: the drawer opens, cross-sell cards appear, a click is tracked', async ({ page, request }) => {
  expect(process.env.DEPLOY_ADMIN_KEY, 'DEPLOY_ADMIN_KEY').toBeTruthy();
  const product = await page.goto('/');
  expect(product?.status()).toBe(200);

  await gotoHydrated(page, `/products/${HEART}`);
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText('1');

  await page.getByTestId('cart-button').click();
  await expect(page.getByTestId('cart-drawer')).toBeVisible();
  const first = page.getByTestId('cross-sell-card').first();
  await expect(first).toBeVisible();
  const id = await first.getAttribute('data-product-id');
  expect(id).toBeTruthy();

  await first.locator('a.xs-link').click();
  await expect(page.getByTestId('product-detail')).toHaveAttribute('data-product-id', id!);
  await expect
    .poll(async () => (await clicks(request)).some((e) => e.metadata.productId === id && e.metadata.source === 'cross_sell'))
    .toBe(true);
});
