import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { idCheckDigit } from '../common/validators';
import { shot, signIn, USERS } from './fixtures';

const id = (first17: string) => first17 + idCheckDigit(first17);
const good = id('36010319970211234');
const other = id('36010319960101235');

/** The roster an office keeps: title, 填报单位, its own header words, a numeric ID, a footer. */
async function messyRoster(file: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['西湖区新兴青年联系对象花名册']);
  ws.mergeCells('A1:F1');
  ws.addRow(['填报单位：共青团南昌市西湖区委员会', null, null, '填报日期：2026年11月20日']);
  ws.addRow(['序号', '姓名', '公民身份号码', '联系电话', '出生年月', '群体类别']);
  ws.addRow([1, '陶知远', good, '139-7001-0001', '1997.02', '网络作家']);
  ws.addRow([2, '温若溪', Number(other), '13970010002', null, '网络作家']);
  ws.addRow([3, '程一帆', null, '13970010003', '1999年5月6日', '自由撰稿人']);
  ws.addRow([4, '陶知远', good, '13970010004', null, null]);
  ws.addRow([]);
  ws.addRow(['填表人：周敏', null, '审核人：郑华']);
  await wb.xlsx.writeFile(file);
}

test('a cadre imports a messy roster: preview with reasons, valid rows written, error report downloaded', async ({
  page,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-e2e-import-'));
  const file = path.join(dir, '西湖区花名册.xlsx');
  await messyRoster(file);

  await signIn(page, USERS.ncOperator);
  await page.getByRole('menuitem', { name: '青年库' }).click();
  await page.getByRole('button', { name: /导\s*入/ }).click();
  const dialog = page.getByRole('dialog');
  const templateDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /下载模板/ }).click();
  expect((await templateDownload).suggestedFilename()).toBe('青年导入模板.xlsx');
  await shot(page, 'youth-import-upload');

  await dialog.locator('input[type=file]').setInputFiles(file);
  await expect(dialog.getByText('识别的列')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByText('填报单位：共青团南昌市西湖区委员会')).toBeVisible();
  await expect(dialog.locator('.ant-segmented')).toContainText('错误 1');
  await expect(dialog.locator('.ant-segmented')).toContainText('重复 1');
  await expect(dialog.getByText(/第 5 行「公民身份号码」列：身份证号被 Excel 当作数字保存/)).toBeVisible();
  await dialog.locator('.ant-segmented').getByText('重复 1').click();
  await expect(dialog.getByText(/第 7 行：与第 4 行是同一人（身份证号相同），不重复导入/)).toBeVisible();
  await expect(dialog).not.toContainText(good);
  await shot(page, 'youth-import-preview');

  await dialog.getByRole('radio', { name: /全部无误才导入/ }).check();
  await expect(dialog.getByRole('button', { name: /确认导入/ })).toBeDisabled();
  await dialog.getByRole('radio', { name: /只导入无误的行/ }).check();
  await dialog.getByRole('button', { name: /确认导入 2 行/ }).click();
  await expect(dialog.getByText('导入完成：新增 2 人，更新 0 人')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'youth-import-done');

  const reportDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /下载错误报告/ }).click();
  const report = await reportDownload;
  expect(report.suggestedFilename()).toBe('错误报告-西湖区花名册.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await report.path());
  const ws = wb.worksheets[0];
  const header = (ws.getRow(1).values as string[]).slice(1);
  expect(header[header.length - 1]).toBe('错误原因');
  expect(ws.rowCount).toBe(2);
  expect(String(ws.getRow(2).getCell(header.indexOf('姓名') + 1).value)).toBe('温若溪');
  expect(String(ws.getRow(2).getCell(header.length).value)).toContain('身份证号被 Excel 当作数字保存');

  await dialog.getByRole('button', { name: /导入其他文件/ }).click();
  const recent = dialog.getByRole('row', { name: /西湖区花名册\.xlsx/ });
  await expect(recent).toContainText('已完成');
  await expect(recent).toContainText('新增 2，更新 0，跳过 1');
  await shot(page, 'youth-import-recent');
  await dialog.getByRole('button', { name: '关 闭' }).click();
  await page.getByLabel('关键字').fill('taozhiyuan');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('row', { name: /陶知远/ })).toContainText('139****0001');
  fs.rmSync(dir, { recursive: true, force: true });
});
