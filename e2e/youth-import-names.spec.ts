import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { rosterRows, writeRosterWorkbook } from '../server/modules/youth/youth-import.fixtures';
import { settledShot, signIn, USERS } from './fixtures';

const ROWS = 3_000;
/** Names from further along the generator's sequence than any other test uses. */
const OFFSET = 40_000;

test('a roster of 3,000 names, rare characters included, is imported and every name reads back as typed', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const people = rosterRows(ROWS, { distinct: ROWS, offset: OFFSET });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-e2e-names-'));
  const file = path.join(dir, '联系对象名册.xlsx');
  fs.writeFileSync(file, await writeRosterWorkbook(people, '南昌市新兴青年联系对象名册'));
  // Outside the BMP (𠮷 𪚥 𬌗: two UTF-16 units each), rare in the BMP (䶮 喆 堃), and ordinary ones.
  const sample = [/𠮷/u, /𪚥/u, /𬌗/u, /䶮/, /喆/, /堃/, /^欧阳/, /^王/].map(
    (re) => people.find((p) => re.test(p.name))!.name,
  );
  expect(new Set(sample).size).toBe(sample.length);

  await signIn(page, USERS.ncOperator);
  await page.getByRole('menuitem', { name: '青年库' }).click();
  await page.getByRole('button', { name: /导\s*入/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles(file);
  await expect(dialog.getByText('识别的列')).toBeVisible({ timeout: 90_000 });
  await expect(dialog.locator('.ant-segmented')).toContainText(`新增 ${ROWS}`);
  await settledShot(page, 'youth-import-names-preview');
  await dialog.getByRole('button', { name: new RegExp(`确认导入 ${ROWS} 行`) }).click();
  await expect(dialog.getByText(`导入完成：新增 ${ROWS} 人，更新 0 人`)).toBeVisible({ timeout: 90_000 });
  await dialog.getByRole('button', { name: '关闭', exact: true }).click();

  for (const name of sample) {
    await page.getByLabel('关键字').fill(name);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const link = page.getByRole('link', { name, exact: true });
    await expect(link).toHaveCount(1);
    await link.click();
    await expect(page).toHaveURL(/\/youth\/\d+$/);
    await expect(page.getByRole('heading', { level: 4 })).toHaveText(name);
    if (name === sample[0]) await settledShot(page, 'youth-import-names-person');
    await page.goBack();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
