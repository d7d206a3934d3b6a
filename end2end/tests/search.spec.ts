import { test, expect, Page } from '@playwright/test';
import { addFromProductPage, events, gotoHydrated, server } from './helpers';

// WHITE HANGING HEART T-LIGHT HOLDER, the demo shop's best-known product.
const HEART = '85123A';

/** Asks the assistant in the open drawer and waits for its answer. */
async function askInDrawer(page: Page, text: string) {
  const box = page.getByTestId('assistant-drawer');
  const answered = page.waitForResponse((r) => r.url().includes('/api/search_turn'));
  await box.getByTestId('assistant-input').fill(text);
  await box.getByTestId('assistant-input').press('Enter');
  expect((await answered).status()).toBe(200);
  return box;
}

async function openDrawerWithHeart(page: Page) {
  await addFromProductPage(page, HEART);
  await page.getByTestId('cart-button').click();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
}

test('the header search finds products despite typos, in Spanish too, and completes while typing', async ({ page }) => {
  await gotoHydrated(page, server());
  const box = page.getByTestId('assistant-header');
  await box.getByTestId('assistant-input').pressSequentially('lant', { delay: 30 });
  await expect(box.getByTestId('completions')).toBeVisible();
  await expect(box.getByTestId('completions')).toContainText('lantern');

  await box.getByTestId('assistant-input').fill('lanturn');
  await box.getByTestId('assistant-input').press('Enter');
  const results = box.getByTestId('search-result');
  await expect(results.first()).toBeVisible();
  await expect(results.first()).toContainText('LANTERN');
  await expect(box.getByTestId('ai-response')).not.toBeEmpty();

  await box.getByTestId('assistant-input').fill('linterna blanca');
  await box.getByTestId('assistant-input').press('Enter');
  await expect(results.first()).toContainText(/WHITE.*LANTERN|LANTERN.*WHITE/);
});

test('"add a lantern" shows the premium card; the cart changes only on yes', async ({ page }) => {
  await openDrawerWithHeart(page);
  const box = await askInDrawer(page, 'add a lantern');
  const card = box.getByTestId('add-suggestion');
  await expect(card).toBeVisible();
  await expect(card).toContainText('LANTERN');
  await expect(card).toContainText('?');
  // Not yet: the cart is as it was until the shopper says yes.
  await page.waitForTimeout(300);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await card.getByTestId('dismiss-action').click();
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);

  await askInDrawer(page, 'añade una linterna');
  await box.getByTestId('add-suggestion').getByTestId('confirm-action').click();
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  await expect(page.getByTestId('cart-count')).toHaveText('2');
});

test('removing a line asks inline first; no keeps it, yes removes it', async ({ page }) => {
  await openDrawerWithHeart(page);
  const box = await askInDrawer(page, 'remove the heart holder');
  const confirm = box.getByTestId('confirm-line');
  await expect(confirm).toContainText('WHITE HANGING HEART');
  await confirm.getByTestId('dismiss-action').click();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);

  await askInDrawer(page, 'make it 3');
  await expect(box.getByTestId('confirm-line')).toContainText('3');
  await box.getByTestId('confirm-line').getByTestId('confirm-action').click();
  await expect(page.getByTestId('line-quantity')).toHaveText('3');

  await askInDrawer(page, 'quita los portavelas');
  await box.getByTestId('confirm-line').getByTestId('confirm-action').click();
  await expect(page.getByTestId('cart-empty')).toBeVisible();
});

test('emptying the cart takes a destructive confirmation', async ({ page }) => {
  await openDrawerWithHeart(page);
  const box = await askInDrawer(page, 'vacía mi carrito');
  const confirm = box.getByTestId('confirm-clear');
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: /Vaciar mi carrito/ })).toBeVisible();
  await confirm.getByTestId('confirm-action').click();
  await expect(page.getByTestId('cart-empty')).toBeVisible();
  await expect(page.getByTestId('cart-count')).toHaveText('0');
});

test('"ship to Spain" sets the destination silently', async ({ page }) => {
  await openDrawerWithHeart(page);
  const box = await askInDrawer(page, 'ship to Spain');
  await expect(page.getByTestId('ship-to')).toHaveValue('ES');
  await expect(box.getByTestId('confirm-line')).toHaveCount(0);
  await expect(box.getByTestId('ai-response')).toContainText(/Espa/);
});

test('a search result added is a click tied to its search turn', async ({ page, request }) => {
  await gotoHydrated(page, server());
  const box = page.getByTestId('assistant-header');
  const answered = page.waitForResponse((r) => r.url().includes('/api/search_turn'));
  await box.getByTestId('assistant-input').fill('doormat');
  await box.getByTestId('assistant-input').press('Enter');
  const turn = await (await answered).json();
  const first = box.getByTestId('search-result').first();
  const productId = await first.getAttribute('data-product-id');
  const before = (await events(request, 'click', 'search')).length;
  await first.getByRole('button').click();
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  await expect.poll(async () => (await events(request, 'click', 'search')).length).toBe(before + 1);
  const clicks = await events(request, 'click', 'search');
  const mine = clicks.find((e) => e.searchLogId === turn.searchLogId);
  expect(mine).toBeTruthy();
  expect(mine.metadata).toMatchObject({ source: 'search', productId, position: 1, action: 'add' });
});
