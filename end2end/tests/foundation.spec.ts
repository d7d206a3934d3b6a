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

test('a server function round trip brings the server settings into the widget', async ({ page }) => {
  // The widget asks for its settings as soon as it is hydrated.
  const call = page.waitForResponse((r) => r.url().includes('/api/load_widget_settings'));
  await page.goto('/');
  const response = await call;
  expect(response.status()).toBe(200);
  await page.getByTestId('cart-button').click();
  // The server runs with CARTLIFT_LANGUAGE=es: only its answer can make the drawer Spanish.
  await expect(page.getByRole('heading', { name: 'Tu carrito' })).toBeVisible();
  await expect(page.getByTestId('cart-empty')).toHaveText('Tu carrito está vacío.');
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
