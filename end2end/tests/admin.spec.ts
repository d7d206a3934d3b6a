import { test, expect } from '@playwright/test';
import { addFromProductPage, adminKey, server } from './helpers';

// A rule the orders do not know: a doormat as an accessory of a lantern.
const LANTERN = '71053'; // WHITE METAL LANTERN
const DOORMAT = '48194'; // DOORMAT HEARTS

test('an admin previews a rule, saves it, and the drawer shows its product', async ({ page }) => {
  await page.goto(`${server()}/admin`);
  await page.getByLabel('Admin key').fill('cla_not-a-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('admin-error')).toContainText('not an admin key');
  await page.getByLabel('Admin key').fill(adminKey());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Product rules' })).toBeVisible();

  // The preview: the lantern in the cart, the unsaved rule towards the doormat.
  await page.getByRole('link', { name: 'Preview' }).click();
  const form = page.getByTestId('preview-form');
  await form.getByLabel('cart product').first().fill(LANTERN);
  await form.getByLabel('rule type').selectOption('ACCESSORIES');
  await form.getByLabel('rule source product').fill(LANTERN);
  // The picker suggests as the admin types; choosing fills in the product's id.
  const target = form.getByLabel('rule target product');
  await target.pressSequentially('doormat hea', { delay: 30 });
  await expect(page.locator(`#product-choices option[value="${DOORMAT}"]`)).toHaveCount(1);
  await target.fill(DOORMAT);
  await form.getByRole('button', { name: 'Preview' }).click();

  const now = page.getByTestId('preview-now');
  const withRule = page.getByTestId('preview-with-rule');
  await expect(now.locator('tbody tr').first()).toBeVisible();
  await expect(now.locator(`tr[data-product="${DOORMAT}"]`)).toHaveCount(0);
  const first = withRule.locator('tbody tr').first();
  await expect(first).toHaveAttribute('data-product', DOORMAT);
  await expect(first).toContainText('ACCESSORIES');
  await expect(first.locator('td.change')).toHaveText('new');

  // Saved from the preview, it is listed and acts in the storefront's drawer.
  await page.getByTestId('save-previewed').getByRole('button', { name: 'Save this rule' }).click();
  await expect(page.getByTestId('admin-saved')).toBeVisible();
  const row = page.getByTestId('rules').locator('tbody tr', { hasText: 'DOORMAT HEARTS' });
  await expect(row).toContainText('WHITE METAL LANTERN');

  await addFromProductPage(page, LANTERN);
  await page.getByTestId('cart-button').click();
  const card = page.locator(`[data-testid="cross-sell-card"][data-external-id="${DOORMAT}"]`);
  await expect(card).toBeVisible();
  await expect(card.locator('.xs-reason')).toHaveText(/WHITE METAL LANTERN/);

  // Deleted (after a confirmation), it stops acting.
  await page.goto(`${server()}/admin`);
  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('admin-saved')).toContainText('Deleted');
  await expect(page.getByTestId('rules').locator('tbody tr', { hasText: 'DOORMAT HEARTS' })).toHaveCount(0);
});
