import { test, expect } from '@playwright/test';
import { gotoHydrated } from './helpers';

test('the page hydrates: a click opens the drawer without a reload', async ({ page }) => {
  await gotoHydrated(page, '/');
  // A marker on window survives only if the page is not reloaded.
  await page.evaluate(() => ((window as any).__e2eMarker = 'same-page'));
  const button = page.getByTestId('cart-button');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.click();
  await expect(page.getByTestId('cart-drawer')).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  expect(await page.evaluate(() => (window as any).__e2eMarker)).toBe('same-page');
});

test("the shop's language reaches the page and the widget, which reads its settings through a server function", async ({ page }) => {
  // The widget asks for its settings as soon as it is hydrated.
  const call = page.waitForResponse((r) => r.url().includes('/api/load_widget_settings'));
  await page.goto('/');
  const response = await call;
  expect(response.status()).toBe(200);
  // The server runs with CARTLIFT_LANGUAGE=es: the server-rendered page and the drawer are Spanish.
  await expect(page.locator('.site-nav a')).toHaveText('Todos los productos');
  await expect(page.locator('.hero h1')).toHaveText('Regalos que se compran juntos');
  await page.getByTestId('cart-button').click();
  await expect(page.getByRole('heading', { name: 'Tu carrito' })).toBeVisible();
  await expect(page.getByTestId('cart-empty')).toHaveText('Tu carrito está vacío.');
});

test("the shopper's language choice holds on every page, server-rendered text included", async ({ page }) => {
  await gotoHydrated(page, '/products');
  await expect(page.getByTestId('listing-total')).toContainText('productos');
  // Choosing reloads the page in the new language.
  const reloaded = page.waitForResponse((r) => r.url().includes('/api/load_widget_settings'));
  await page.getByTestId('language').selectOption('en');
  await reloaded;
  await expect(page.getByTestId('listing-total')).toContainText('products');
  await expect(page.getByTestId('language')).toHaveValue('en');
  await gotoHydrated(page, '/');
  await expect(page.locator('.site-nav a')).toHaveText('All products');
  await expect(page.locator('.hero h1')).toHaveText('Gifts people buy together');
  await page.getByTestId('cart-button').click();
  await expect(page.getByRole('heading', { name: 'Your cart' })).toBeVisible();
});

test('only the islands hydrate: the pages are server HTML, the badge shows the count before the widget reads', async ({ page, request }) => {
  // Without the browser bundle the page still renders whole, with the cart's count.
  await page.route('**/pkg/*.wasm', (route) => route.abort());
  await page.goto('/products/85123A');
  await expect(page.getByTestId('product-detail')).toBeVisible();
  await expect(page.getByTestId('cart-count')).toHaveText('0');
  await page.unroute('**/pkg/*.wasm');
  await gotoHydrated(page, '/products/85123A');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  await page.route('**/pkg/*.wasm', (route) => route.abort());
  await page.goto('/cart');
  await expect(page.getByTestId('page-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  // The page's HTML holds islands, not a whole hydrated app.
  const html = await (await request.get('/', { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).text();
  expect(html).toContain('<leptos-island');
  expect(html).toMatch(/<leptos-island data-component="ShopFrame_\d+"/);
});

test('Escape closes the drawer and focus returns to the cart button', async ({ page }) => {
  await gotoHydrated(page, '/');
  const button = page.getByTestId('cart-button');
  await button.click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('button', { name: /cerrar|close/i })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(button).toBeFocused();
});
