import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { shot, signIn, USERS } from './fixtures';

/** A small but real PDF (one blank page). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

test('an operator attaches a PDF to a person, downloads the same bytes and deletes it', async ({ page }) => {
  await signIn(page, USERS.ncOperator);
  await page.getByRole('menuitem', { name: '青年库' }).click();
  await page.getByRole('button', { name: /登\s*记/ }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('姓名').fill('陈附件');
  await form.getByRole('button', { name: /保\s*存/ }).click();
  await expect(form).toBeHidden();
  await expect(page).toHaveURL(/\/youth\/\d+$/);

  await page.getByRole('tab', { name: '附件' }).click();
  await expect(page.getByText('暂无附件')).toBeVisible();
  await page.getByRole('button', { name: /上传附件/ }).click();
  const dialog = page.getByRole('dialog', { name: '上传附件' });
  await expect(dialog.getByText('请先选择类别')).toBeVisible();
  await dialog.getByLabel('类别').click();
  await page.getByTitle('证书').click();
  await dialog.getByLabel('备注').fill('2025 年网络文学大赛一等奖');
  await dialog.locator('input[type="file"]').setInputFiles({
    name: '获奖证书 扫描件.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await expect(page.getByText('已上传：获奖证书 扫描件.pdf')).toBeVisible();
  await shot(page, 'youth-attachments-upload');
  await dialog.getByRole('button', { name: /完\s*成/ }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row', { name: /获奖证书 扫描件\.pdf/ });
  await expect(row).toContainText('证书');
  await expect(row).toContainText(`${PDF.length} B`);
  await expect(row).toContainText('2025 年网络文学大赛一等奖');
  await shot(page, 'youth-attachments');

  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: /下\s*载/ }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('获奖证书 扫描件.pdf');
  expect(fs.readFileSync(await file.path()).equals(PDF)).toBe(true);

  await row.getByRole('button', { name: /删\s*除/ }).click();
  await page
    .getByRole('tooltip')
    .getByRole('button', { name: /删\s*除/ })
    .click();
  await expect(page.getByText('已删除：获奖证书 扫描件.pdf')).toBeVisible();
  await expect(page.getByRole('row', { name: /获奖证书 扫描件\.pdf/ })).toBeHidden();
  await expect(page.getByText('暂无附件')).toBeVisible();
});
