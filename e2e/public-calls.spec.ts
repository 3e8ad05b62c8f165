import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { idCheckDigit } from '../common/validators/id-number';
import { fillAdult } from './fixtures';
import { openCall, pdfDocument, pngImage } from './public-calls-fixtures';

/** Screenshots of the call's pages at the phone size (and the call at the desktop size), looked at by a person. */
const SHOTS = process.env.ZM_PUBLIC_SHOTS ?? 'e2e/.screenshots/public';
const PHONE = { width: 375, height: 812 };

test.use({ viewport: PHONE });

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

const idFor = (birth: string) => {
  const first17 = `360102${birth.replace(/-/g, '')}123`;
  return first17 + idCheckDigit(first17);
};

test('a group enters a work with real files from a phone, keeps the receipt code, then checks and edits it', async ({
  page,
  baseURL,
}) => {
  const path = await openCall(baseURL!, '“青春筑梦”南昌青年书画摄影作品征集');
  expect(path).toMatch(/^\/m\/c\/[a-z0-9]{6,32}$/);

  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) consoleErrors.push(m.text());
  });
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });

  await page.goto('/m/c/nosuchcall1');
  await expect(page.getByRole('heading', { name: '征集活动不存在' })).toBeVisible();

  await page.goto(`${path}?ch=poster`);
  await expect(page.getByRole('heading', { name: '“青春筑梦”南昌青年书画摄影作品征集' })).toBeVisible();
  await expect(page.getByText('征集中', { exact: true })).toBeVisible();
  await expect(page.getByText('主办单位：')).toBeVisible();
  await expect(page.getByText('提交图片、PDF 文档，最多 3 个文件，每个不超过 20 MB')).toBeVisible();
  await expect(page.getByText('年龄：14–35 周岁（按截止日计算）')).toBeVisible();
  expect(
    scripts.some((u) => /antd|echarts|router|zod/.test(u)),
    scripts.join('\n'),
  ).toBe(false);
  await page.getByText('征集规则', { exact: true }).click();
  await expect(page.getByText('二、每人（每个团体）限报一件作品。')).toBeVisible();
  await shot(page, 'call-375');
  await page.setViewportSize({ width: 1366, height: 768 });
  await shot(page, 'call-1366');
  await page.setViewportSize(PHONE);

  // Sent empty: nothing leaves the page, the first wrong field takes the focus, each error is linked to its field.
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  await page.getByRole('button', { name: '提交作品' }).click();
  await expect(page.getByLabel(/^作品类别/)).toBeFocused();
  await expect(page.locator('.pm-summary')).toContainText('请确认作品为原创并勾选原创声明');
  await expect(page.getByLabel(/^作品名称/)).toHaveAttribute('aria-describedby', 'title-error');
  expect(posts).toEqual([]);

  await page.getByLabel(/^作品类别/).selectOption({ label: '绘画' });
  await page.getByLabel(/^作品名称/).fill('赣江晨曦');
  await page.getByLabel('创作说明').fill('清晨的赣江与八一大桥，水墨与色彩结合。');

  // A file of a kind the category does not take is refused at once, in Chinese, and never sent.
  await page
    .locator('#files')
    .setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('作品说明') });
  await expect(page.getByRole('alert').filter({ hasText: '「说明.txt」不能上传' })).toContainText(
    '「绘画」类作品只接受图片、PDF 文档',
  );
  expect(posts).toEqual([]);
  // One that only pretends to be a picture goes up and is refused by its content, in Chinese.
  await page.locator('#files').setInputFiles({
    name: '假图片.png',
    mimeType: 'image/png',
    buffer: Buffer.from('这不是图片'.repeat(20)),
  });
  const fake = page.locator('.pm-file').filter({ hasText: '假图片.png' });
  await expect(fake.locator('.pm-error')).toHaveText(/[\u4e00-\u9fa5]/);
  await expect(fake.getByRole('button', { name: '重新上传' })).toBeVisible();
  await fake.getByRole('button', { name: /删除/ }).click();
  await expect(fake).toHaveCount(0);

  // Real files: a picture, and a document sent over a slow connection so its progress can be watched.
  await page
    .locator('#files')
    .setInputFiles({ name: '赣江晨曦.png', mimeType: 'image/png', buffer: pngImage(64) });
  const picture = page.locator('.pm-file').filter({ hasText: '赣江晨曦.png' });
  await expect(picture.getByText(/已上传/)).toBeVisible();
  await expect(picture).toContainText('已去除照片中的拍摄地点、设备等信息');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 128 * 1024,
  });
  await page
    .locator('#files')
    .setInputFiles({ name: '创作手记.pdf', mimeType: 'application/pdf', buffer: pdfDocument(640) });
  const pdf = page.locator('.pm-file').filter({ hasText: '创作手记.pdf' });
  await expect(pdf.getByText(/上传中 \d+%/)).toBeVisible();
  await expect(pdf.getByRole('progressbar', { name: '「创作手记.pdf」上传进度' })).toBeVisible();
  await pdf.scrollIntoViewIfNeeded();
  await shot(page, 'uploading-375');
  await expect(pdf.getByText('已上传')).toBeVisible({ timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await expect(page.getByLabel(/^作品类别/)).toBeDisabled();

  // A group of two: the lead (the contact) and one more; a third added and removed again.
  await page.getByLabel('团体作品', { exact: true }).check();
  await page.getByLabel(/^团体名称/).fill('青藤画社');
  const lead = page.getByRole('group', { name: '第 1 位参赛者（联系人）' });
  await fillAdult(lead);
  const second = page.getByRole('group', { name: '第 2 位参赛者' });
  await second.getByLabel(/^姓名/).fill('陈子墨');
  await second.getByLabel('男', { exact: true }).check();
  // Too old for the call: said at once, by the closing day.
  await second.getByLabel('身份证号').fill(idFor('1980-01-01'));
  await expect(second.getByText(/不符合年龄要求/)).toBeVisible();
  await second.getByLabel('身份证号').fill(idFor('2003-04-05'));
  await expect(second.getByText(/不符合年龄要求/)).toHaveCount(0);
  await page.getByRole('button', { name: '＋ 添加一位参赛者' }).click();
  await expect(page.getByRole('group', { name: '第 3 位参赛者' }).getByLabel(/^姓名/)).toBeFocused();
  await page.getByRole('button', { name: '删除第 3 位参赛者' }).click();
  await expect(page.getByRole('group', { name: '第 3 位参赛者' })).toHaveCount(0);

  await page.getByLabel(/原创声明/).check();
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByLabel(/同意公开展示作品/).check();
  await expect(page.getByLabel(/同意公开展示作品/)).toHaveAccessibleDescription(/不勾选不影响参赛和评审/);
  await shot(page, 'form-375');

  await page.getByRole('button', { name: '提交作品' }).click();
  await expect(page.getByRole('heading', { name: '作品已提交' })).toBeVisible();
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  await expect(
    page.getByText('您的作品「赣江晨曦」已提交到「“青春筑梦”南昌青年书画摄影作品征集」'),
  ).toBeVisible();
  await shot(page, 'receipt-375');

  // The work's status by its receipt code, and an edit of its title before the deadline.
  await page.getByRole('link', { name: '查询作品状态' }).first().click();
  await expect(page).toHaveURL(/\/m\/w$/);
  await page.getByLabel(/^回执码/).fill(code.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page.getByRole('heading', { name: '作品状态' })).toBeVisible();
  await expect(page.locator('.pm-badge')).toHaveText('待审查');
  await expect(page.getByText('青藤画社（林**、陈**）')).toBeVisible();
  await expect(page.getByText('赣江晨曦.png')).toBeVisible();
  await shot(page, 'work-status-375');
  await page.getByRole('button', { name: '修改作品' }).click();
  await page.getByLabel(/^作品名称/).fill('赣江晨曦（修订）');
  // Files too: the document out, a detail picture in.
  await page.getByRole('button', { name: /删除.*创作手记\.pdf/ }).click();
  await expect(page.getByText('保存后删除')).toBeVisible();
  await expect(page.getByText(/连同已提交的最多 3 个/)).toBeVisible();
  await page
    .locator('#files')
    .setInputFiles({ name: '局部细节.png', mimeType: 'image/png', buffer: pngImage(48) });
  await expect(
    page
      .locator('.pm-file')
      .filter({ hasText: '局部细节.png' })
      .getByText(/已上传/),
  ).toBeVisible();
  await shot(page, 'work-edit-375');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText('修改已保存')).toBeVisible();
  await expect(page.locator('.pm-facts')).toContainText('赣江晨曦（修订）');
  await expect(page.locator('.pm-files')).toContainText('局部细节.png');
  await expect(page.locator('.pm-files')).not.toContainText('创作手记.pdf');

  // Withdrawal is explained before it happens.
  await page.getByRole('button', { name: '撤回作品' }).click();
  await expect(page.getByText(/作品文件和填写的个人信息.*将被删除/)).toBeVisible();
  await shot(page, 'work-withdraw-375');
  await page.getByRole('button', { name: '不撤回，返回' }).click();
  expect(consoleErrors).toEqual([]);
});
