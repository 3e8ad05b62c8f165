import { expect, test, type Page } from '@playwright/test';
import { settledShot, signIn, USERS } from './fixtures';

/** Registers a person by name only; ends on their record. */
async function register(page: Page, name: string) {
  await page.getByRole('menuitem', { name: '青年库' }).click();
  await page.getByRole('button', { name: /登\s*记/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名').fill(name);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/youth\/\d+$/);
}

async function findInList(page: Page, q: string) {
  await page.getByRole('menuitem', { name: '青年库' }).click();
  await page.getByLabel('关键字').fill(q);
  await page.getByRole('button', { name: /查\s*询/ }).click();
}

/** Types into a unit lookup and picks the first unit whose name starts with `name`. */
async function pickUnit(page: Page, label: string, typed: string, name: string) {
  await page.getByRole('dialog').getByLabel(label).fill(typed);
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${name}`) })
    .first()
    .click();
}

test('a batch tag applies to those without it and says, row by row, why the others were skipped', async ({
  page,
}) => {
  await signIn(page, USERS.ncOperator);
  await register(page, '批量甲');
  await register(page, '批量乙');
  await findInList(page, '批量');
  await page
    .getByRole('row', { name: /批量甲/ })
    .getByRole('checkbox')
    .check();
  await page.getByRole('button', { name: '添加标签' }).click();
  await page.getByRole('dialog').getByLabel('标签').fill('重点关注');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(page.getByText('添加标签：已处理 1 人')).toBeVisible();
  await expect(page.getByRole('row', { name: /批量甲/ })).toContainText('重点关注');

  await page
    .getByRole('row', { name: /批量甲/ })
    .getByRole('checkbox')
    .check();
  await page
    .getByRole('row', { name: /批量乙/ })
    .getByRole('checkbox')
    .check();
  await page.getByRole('button', { name: '添加标签' }).click();
  await page.getByRole('dialog').getByLabel('标签').fill('重点关注');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  const outcome = page.getByRole('dialog', { name: /结果/ });
  await expect(outcome).toContainText('已处理 1 人，1 人未处理');
  await expect(outcome.getByRole('row', { name: /批量甲/ })).toContainText('已有标签“重点关注”');
  await expect(outcome).toBeVisible();
  await settledShot(page, 'youth-batch-outcome');
  await outcome.getByRole('button', { name: '知道了' }).click();
  await expect(page.getByText('添加标签：已处理 1 人，1 人未处理')).toBeVisible();
  await expect(page.getByRole('row', { name: /批量乙/ })).toContainText('重点关注');
});

test('a province pushes people to 杭州 (one from the record, one from the list); 杭州 accepts', async ({
  page,
  browser,
}) => {
  await signIn(page, USERS.jxAdmin);
  await register(page, '钱塘客');
  await page.getByRole('tab', { name: '转移' }).click();
  await page.getByRole('button', { name: '转出到其他地区' }).click();
  await pickUnit(page, '接收单位', 'hangzhou', '杭州市');
  await page.getByRole('dialog').getByLabel('转接原因').fill('本人已迁居杭州工作');
  await settledShot(page, 'youth-transfer-out');
  await page.getByRole('dialog').getByRole('button', { name: '提交转出申请' }).click();
  await expect(page.getByText('办理中的转接申请')).toBeVisible();
  await expect(page.getByText('杭州市').first()).toBeVisible();

  await register(page, '西湖客');
  await findInList(page, '西湖客');
  await page
    .getByRole('row', { name: /西湖客/ })
    .getByRole('checkbox')
    .check();
  await page.getByRole('button', { name: '转出到其他地区' }).click();
  await pickUnit(page, '接收单位', 'hangzhou', '杭州市');
  await page.getByRole('dialog').getByLabel('转接原因').fill('随家人迁往杭州');
  await settledShot(page, 'youth-batch-transfer');
  await page.getByRole('dialog').getByRole('button', { name: '提交转出申请' }).click();
  await expect(page.getByText('转出到其他地区：已处理 1 人')).toBeVisible();

  const hz = await browser.newPage();
  await signIn(hz, USERS.hzAdmin);
  await hz.getByRole('menuitem', { name: '青年库' }).click();
  await hz.getByRole('button', { name: /待\s*办/ }).click();
  await hz.getByRole('tab', { name: '转接' }).click();
  const rows = hz.getByRole('row', { name: /江西省/ });
  await expect(rows).toHaveCount(2);
  await expect(hz.locator('body')).not.toContainText('钱塘客');
  await rows
    .filter({ hasText: '本人已迁居杭州工作' })
    .getByRole('button', { name: /同\s*意/ })
    .click();
  const decision = hz.getByRole('dialog', { name: /同意转接/ });
  await expect(decision.getByLabel('说明')).toBeEditable();
  await decision.getByRole('button', { name: /同\s*意/ }).click();
  await expect(hz.getByText('已同意，记录改由接收单位保管')).toBeVisible();
  await expect(decision).toBeHidden();
  await expect(hz.getByRole('row', { name: /本人已迁居杭州工作/ })).toBeHidden();
  await findInList(hz, '钱塘客');
  await expect(hz.getByRole('row', { name: /钱塘客/ })).toContainText('杭州市');
  await hz.close();
});
