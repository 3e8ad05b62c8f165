import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { fillAdult } from './fixtures';
import { openCall, pngImage } from './public-calls-fixtures';

/**
 * With the receipt code, before the formal review: the single entrant replaced by a group of two, who
 * give their own consent under the current notice. The status card then names both, masked.
 */

const SHOTS = process.env.ZM_PUBLIC_SHOTS ?? 'e2e/.screenshots/public';
const dist = process.env.ZM_WEB_DIST ?? 'dist/web';

test.use({ viewport: { width: 375, height: 812 } });

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

/** A single entrant's work, entered on the call's page; returns its receipt code. */
async function enterSingle(page: Page, path: string): Promise<string> {
  await page.goto(path);
  await page.getByLabel(/^作品类别/).selectOption({ label: '绘画' });
  await page.getByLabel(/^作品名称/).fill('滕王阁夜色');
  await page
    .locator('#files')
    .setInputFiles({ name: '滕王阁.png', mimeType: 'image/png', buffer: pngImage(48) });
  await expect(
    page
      .locator('.pm-file')
      .filter({ hasText: '滕王阁.png' })
      .getByText(/已上传/),
  ).toBeVisible();
  await fillAdult(page.getByRole('group', { name: '参赛者信息' }));
  await page.getByLabel(/原创声明/).check();
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole('button', { name: '提交作品' }).click();
  await expect(page.getByRole('heading', { name: '作品已提交' })).toBeVisible();
  return (await page.getByTestId('receipt-code').innerText()).trim();
}

test('the entrant replaces the single entrant with a group of two before review; the card shows both, masked', async ({
  page,
  baseURL,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) consoleErrors.push(m.text());
  });
  const code = await enterSingle(page, await openCall(baseURL!, '滕王阁青年绘画作品征集'));

  // The status page as a phone first opens it: within the public site's budget; the edit form loads later.
  const scripts = new Set<string>();
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname.replace(/^\//, ''));
  });
  await page.goto('/m/w');
  await page.getByLabel(/^回执码/).fill(code);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page.getByRole('heading', { name: '作品状态' })).toBeVisible();
  const firstLoad = [...scripts].reduce(
    (sum, file) => sum + gzipSync(fs.readFileSync(`${dist}/${file}`), { level: 9 }).length,
    0,
  );
  console.warn(`work status page first load: ${(firstLoad / 1024).toFixed(1)} KB gzipped JS`);
  expect(firstLoad).toBeLessThanOrEqual(100 * 1024);
  await expect(page.locator('.pm-facts')).toContainText('林**');

  await page.getByRole('button', { name: '修改作品' }).click();
  const section = page.locator('form section.pm-section').filter({
    has: page.getByRole('heading', { name: '修改参赛者（须整组重新填写）' }),
  });
  await expect(section).toContainText('现在的参赛者：林**');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/work-edit-entrants-closed-375.png` });
  await section.getByRole('button', { name: '重新填写参赛者' }).click();
  await section.getByLabel('团体作品', { exact: true }).check();
  await section.getByLabel(/^团体名称/).fill('滕王阁画社');

  // Sent half-filled: nothing is saved, the first missing field takes the focus.
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(
    page.getByRole('group', { name: '第 1 位参赛者（联系人）' }).getByLabel(/^姓名/),
  ).toBeFocused();
  await expect(page.locator('.pm-summary')).toContainText('请阅读并同意个人信息处理规则');

  const lead = page.getByRole('group', { name: '第 1 位参赛者（联系人）' });
  await fillAdult(lead);
  await lead.getByLabel(/^姓名/).fill('周子航');
  const second = page.getByRole('group', { name: '第 2 位参赛者' });
  await second.getByLabel(/^姓名/).fill('吴佳怡');
  await second.getByLabel('女', { exact: true }).check();
  await second.getByLabel('出生日期').fill('2001-03-03');
  await section.getByLabel(/我已阅读并同意/).check();
  await shot(page, 'work-edit-entrants-375');

  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText('修改已保存')).toBeVisible();
  await expect(page.locator('.pm-facts')).toContainText('滕王阁画社（周**、吴**）');
  await expect(page.locator('.pm-facts')).not.toContainText('林**');
  await shot(page, 'work-status-entrants-375');

  // Looked up again, the new entrants are what the server holds.
  await page.reload();
  await page.getByLabel(/^回执码/).fill(code);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page.locator('.pm-facts')).toContainText('滕王阁画社（周**、吴**）');
  expect(consoleErrors).toEqual([]);
});
