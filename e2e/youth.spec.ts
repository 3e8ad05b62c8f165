import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { idCheckDigit } from '../common/validators';
import { shot, signIn, USERS } from './fixtures';

const first17 = '36010219980315123';
const idNumber = first17 + idCheckDigit(first17);

test('an operator registers a person, a reviewer approves them as key target, and the 花名册 lists them', async ({
  page,
  browser,
}) => {
  await signIn(page, USERS.ncOperator);
  await page.getByRole('menuitem', { name: '青年库' }).click();
  await page.getByRole('button', { name: /登\s*记/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名').fill('林晓舟');
  await dialog.getByLabel('身份证号').fill(idNumber);
  await dialog.getByLabel('手机').fill('139 0791 2345');
  await expect(dialog.getByLabel('出生日期')).toHaveValue('1998-03-15');
  await shot(page, 'youth-register');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/youth\/\d+$/);
  await expect(page.getByText('139****2345').first()).toBeVisible();
  const personUrl = page.url();

  await page.getByRole('menuitem', { name: '青年库' }).click();
  await page.getByLabel('关键字').fill('lxz');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  const row = page.getByRole('row', { name: /林晓舟/ });
  await expect(row).toContainText('139****2345');
  await expect(row).toContainText('360102********');
  await expect(page.locator('body')).not.toContainText(idNumber);
  await shot(page, 'youth-list');

  await page.goto(personUrl);
  await page.getByRole('tab', { name: '阶段' }).click();
  await page.getByRole('button', { name: '申请转为重点培养对象' }).click();
  await page.getByRole('dialog').getByLabel('理由').fill('长期坚持网络文学创作，作品有影响力');
  await page.getByRole('button', { name: /提交申请/ }).click();
  await expect(page.getByText(/待审核：申请转为重点培养对象/)).toBeVisible();

  const reviewer = await browser.newPage();
  await signIn(reviewer, USERS.ncReviewer);
  await reviewer.getByRole('menuitem', { name: '青年库' }).click();
  await reviewer.getByRole('button', { name: /待\s*办/ }).click();
  const proposal = reviewer.getByRole('row', { name: /林晓舟/ });
  await proposal.getByRole('button', { name: /通\s*过/ }).click();
  await reviewer
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|通\s*过/ })
    .click();
  await expect(reviewer.getByRole('row', { name: /林晓舟/ })).toBeHidden();
  await shot(reviewer, 'youth-todo-approved');
  await reviewer.close();

  await page.reload();
  await expect(page.getByText('重点培养对象').first()).toBeVisible();

  await page.getByRole('menuitem', { name: '青年库' }).click();
  await page.getByRole('button', { name: '更多导出方式' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByText('导出花名册').click();
  const file = await (await downloading).path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const text = book.worksheets[0].getSheetValues().flat().map(String).join('|');
  expect(text).toContain('新兴青年群体重点培养对象花名册');
  expect(text).toContain('林晓舟');
  expect(text).toContain('360102********');
  expect(text).not.toContain(idNumber);
});
