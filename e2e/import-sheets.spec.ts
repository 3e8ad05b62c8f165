import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { settledShot, signIn, USERS } from './fixtures';

/** A workbook as a city office sends it: one sheet per district, and a sheet of notes. */
async function districtWorkbook(file: string) {
  const wb = new ExcelJS.Workbook();
  const header = ['序号', '姓名', '联系电话'];
  const east = wb.addWorksheet('东湖区');
  east.addRow(header);
  east.addRow([1, '分表东甲', '13970020001']);
  east.addRow([2, '分表东乙', '13970020002']);
  const west = wb.addWorksheet('西湖区');
  west.addRow(header);
  west.addRow([1, '分表西甲', '13970020003']);
  wb.addWorksheet('填表说明').addRow(['联系电话请填写 11 位手机号']);
  await wb.xlsx.writeFile(file);
}

test('a workbook with a sheet per district: every sheet listed, one chosen and imported', async ({
  page,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-e2e-sheets-'));
  const file = path.join(dir, '各区名单.xlsx');
  await districtWorkbook(file);

  await signIn(page, USERS.ncOperator);
  await page.getByRole('menuitem', { name: '青年库' }).click();
  await page.getByRole('button', { name: /导\s*入/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles(file);
  await expect(dialog.getByText('工作簿共有 3 个工作表，已读取 2 个')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('row', { name: /第3个工作表“填表说明”/ })).toContainText('未读取');
  await expect(dialog.getByRole('row', { name: /第1个工作表“东湖区”.*已读取/ })).toContainText('数据 2 行');
  await expect(dialog.getByRole('cell', { name: '第2个工作表“西湖区”' }).first()).toBeVisible();
  await dialog.getByRole('radio', { name: '只导入选中的工作表' }).check();
  await settledShot(page, 'import-sheets-preview');

  await dialog.getByRole('button', { name: /确认导入所选的 1 个工作表/ }).click();
  await expect(dialog.getByText('导入完成：新增 2 人，更新 0 人')).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toContainText('未导入工作表 “西湖区”');
  await settledShot(page, 'import-sheets-done');
  fs.rmSync(dir, { recursive: true, force: true });
});
