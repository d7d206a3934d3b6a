import { test, expect } from '@playwright/test';
import { addFromProductPage, adminKey, server, simulatedShopKey } from './helpers';

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

test('the lift report of a simulated experiment: its charts render and its numbers are the JSON API\'s', async ({ page, request }) => {
  // serve.sh ran `cartlift simulate --shop sim`: later orders replayed as visitors.
  const key = simulatedShopKey();
  const r = await request.get(`${server()}/api/admin/lift`, { headers: { 'X-Admin-Key': key } });
  expect(r.status()).toBe(200);
  const report = await r.json();
  expect(report.treatmentTotals.visitors).toBeGreaterThan(30);
  expect(report.controlTotals.visitors).toBeGreaterThan(30);

  await page.goto(`${server()}/admin`);
  await page.getByLabel('Admin key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Product rules' })).toBeVisible();
  await page.goto(`${server()}/admin/lift`);
  await expect(page.getByRole('heading', { name: 'Lift', exact: true })).toBeVisible();

  const arms = page.getByTestId('lift-arms');
  const row = (name: string) => arms.locator('tr', { has: page.locator('th', { hasText: name }) }).locator('td');
  await expect(row('Visitors')).toHaveText([String(report.treatmentTotals.visitors), String(report.controlTotals.visitors)]);
  await expect(row('Orders')).toHaveText([String(report.treatmentTotals.orders), String(report.controlTotals.orders)]);
  await expect(row('Cards shown')).toHaveText([String(report.treatmentTotals.impressions), String(report.controlTotals.impressions)]);

  // Every metric's values and visitors as the JSON has them, and its status.
  const value = (v: any) => (v ? `${v.value.toFixed(4)} (${v.visitors} visitors)` : '–');
  for (const m of report.metrics) {
    const tr = page.getByTestId('lift-metrics').locator(`tr[data-metric="${m.name}"]`);
    await expect(tr).toHaveAttribute('data-status', m.status);
    await expect(tr.locator('td').nth(1)).toHaveText(value(m.treatment));
    await expect(tr.locator('td').nth(2)).toHaveText(value(m.control));
    if (m.lift != null) await expect(tr.locator('td').nth(3)).toHaveText(`${m.lift >= 0 ? '+' : ''}${(m.lift * 100).toFixed(1)} %`);
  }

  // The charts are drawn: a mark per compared metric in the forest plot, a line (or a
  // point, for one day) per arm in each daily trend.
  const compared = report.metrics.filter((m: any) => m.lift != null && m.liftInterval != null).length;
  expect(compared).toBeGreaterThan(0);
  const chart = page.getByTestId('lift-chart').locator('svg');
  await expect(chart).toBeVisible();
  await expect(chart.locator('circle')).toHaveCount(compared);
  await expect(page.locator('figure.trend svg')).toHaveCount(3);
  for (const svg of await page.locator('figure.trend svg').all()) {
    expect(await svg.locator('polyline, circle').count()).toBeGreaterThanOrEqual(2);
  }
  const box = await chart.boundingBox();
  expect(box!.width).toBeGreaterThan(200);
});
