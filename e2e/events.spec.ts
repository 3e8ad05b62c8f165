import { expect, test, type Page } from '@playwright/test';
import { searchRegistry, settledShot, signIn, USERS } from './fixtures';

/** A real 1×1 PNG: the photo of the salon. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function register(page: Page, name: string) {
  await page.getByRole('menuitem', { name: '青年库' }).click();
  await page.getByRole('button', { name: /登\s*记/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名').fill(name);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/youth\/\d+$/);
}

test('an operator records a salon, adds participants from the registry, signs them in, uploads a photo and sees the 人次', async ({
  page,
}) => {
  await signIn(page, USERS.ncOperator);
  for (const name of ['沙龙青年甲', '沙龙青年乙', '沙龙青年丙']) await register(page, name);

  await page.getByRole('menuitem', { name: '活动' }).click();
  // Other specs' seeds may hold events of units below 南昌 (without participants): count from what is there.
  await expect(page.getByTestId('event-totals')).toContainText('合计');
  const before = Number(
    /合计 (\d+) 场/.exec((await page.getByTestId('event-totals').textContent()) ?? '')?.[1],
  );
  await page.getByRole('button', { name: /新建活动/ }).click();
  const dialog = page.getByRole('dialog', { name: '新建活动' });
  await dialog.getByLabel('活动名称').fill('网络作家青春沙龙（第一期）');
  await dialog.getByLabel('活动日期').fill('2026-03-14');
  await dialog.getByLabel('活动日期').press('Tab');
  await dialog.getByLabel('地点').fill('南昌市青年之家');
  await dialog.getByRole('button', { name: /添加主讲嘉宾/ }).click();
  await dialog.getByLabel('嘉宾姓名').fill('孙明');
  await dialog.getByLabel('嘉宾职务或头衔').fill('省网络作家协会副主席');
  await settledShot(page, 'events-create');
  await expect(dialog.locator('.ant-form-item-has-error')).toHaveCount(0);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/events\/\d+$/);
  await expect(page.getByText('孙明（省网络作家协会副主席）')).toBeVisible();
  await expect(page.getByText('尚未添加参与青年')).toBeVisible();

  await page.getByRole('button', { name: /从青年库添加/ }).click();
  const add = page.getByRole('dialog', { name: '从青年库添加参与青年' });
  await searchRegistry(page, add, '沙龙青年');
  for (const name of ['沙龙青年甲', '沙龙青年乙', '沙龙青年丙']) {
    await add
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('checkbox')
      .check();
  }
  await settledShot(page, 'events-add-participants');
  await add.getByRole('button', { name: /添加 3 人/ }).click();
  await expect(page.getByText('已添加 3 人')).toBeVisible();
  await expect(add).toBeHidden();

  for (const name of ['沙龙青年甲', '沙龙青年乙']) {
    await page
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('checkbox')
      .check();
  }
  await page.getByRole('button', { name: /所选 2 人签到/ }).click();
  await expect(page.getByText('已签到 2 人', { exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /沙龙青年甲/ })).toContainText('已签到');
  await expect(page.getByRole('row', { name: /沙龙青年丙/ })).toContainText('未签到');
  await expect(page.getByText('3 人次，签到 2 人次')).toBeVisible();
  await settledShot(page, 'events-participants');

  await page.getByRole('tab', { name: /照片与纪要/ }).click();
  await page.getByRole('button', { name: /上传照片或纪要/ }).click();
  const up = page.getByRole('dialog', { name: '上传照片或纪要' });
  await up
    .locator('input[type="file"]')
    .setInputFiles({ name: '沙龙合影.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByText('已上传：沙龙合影.png')).toBeVisible();
  await up.getByRole('button', { name: /完\s*成/ }).click();
  await expect(page.getByRole('row', { name: /沙龙合影\.png/ })).toContainText('照片');
  await settledShot(page, 'events-files');

  await page.getByRole('tab', { name: '活动简报' }).click();
  await page.getByRole('button', { name: /填写简报/ }).click();
  await page
    .getByRole('textbox', { name: '简报内容' })
    .fill('3 月 14 日，团市委在南昌市青年之家举办网络作家青春沙龙，孙明分享创作经验。');
  await page.getByRole('button', { name: /保存简报/ }).click();
  await expect(page.getByText('简报已保存')).toBeVisible();

  await page.getByRole('menuitem', { name: '活动' }).click();
  const row = page.getByRole('row', { name: /网络作家青春沙龙（第一期）/ });
  await expect(row).toContainText('青春沙龙');
  await expect(row).toContainText('孙明');
  await expect(row.getByRole('cell', { name: '3（签到 2）', exact: true })).toBeVisible();
  await expect(row).toContainText('已填写');
  await expect(page.getByTestId('event-totals')).toHaveText(
    new RegExp(`合计 ${before + 1} 场 · 参与 3 人次 · 签到 2 人次 · 共 3 人`),
  );
  await settledShot(page, 'events-list');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /导\s*出/ }).click();
  expect((await downloading).suggestedFilename()).toMatch(/^活动列表-.*\.xlsx$/);

  await page.getByRole('menuitem', { name: '工作台' }).click();
  await expect(page.getByText(/培养（\d{4} 年）/)).toBeVisible();
  await page.getByText('本年活动').scrollIntoViewIfNeeded();
  await settledShot(page, 'events-home-figures');
});
