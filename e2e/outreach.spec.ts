import { expect, test, type Page } from '@playwright/test';
import { searchRegistry, settledShot, signIn, USERS } from './fixtures';

const POINT = '迅达快递南昌青山湖分拨中心';
const BRANCH = `${POINT}流动团支部`;
const COURIERS = ['快递小哥甲', '快递小哥乙', '快递小哥丙'];

async function register(page: Page, name: string) {
  await page.getByRole('menuitem', { name: '青年库' }).click();
  await page.getByRole('button', { name: /登\s*记/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名').fill(name);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/youth\/\d+$/);
}

async function openMenu(page: Page, label: string) {
  const item = page.getByRole('menuitem', { name: label });
  if (!(await item.isVisible())) await page.getByRole('menuitem', { name: '组织覆盖' }).click();
  await item.click();
}

test('an operator registers a courier company as a contact point, sets up a 流动团支部 there with members from the registry, and sees the counts', async ({
  page,
}) => {
  await signIn(page, USERS.ncOperator);
  for (const name of COURIERS) await register(page, name);

  await openMenu(page, '联系点');
  await expect(page).toHaveURL(/\/outreach\/contact-points/);
  const kinds = page.getByTestId('contact-point-kinds');
  await expect(kinds.getByRole('button', { name: '快递物流企业 0 个' })).toBeVisible();
  await page.getByRole('button', { name: /新增联系点/ }).click();
  const dialog = page.getByRole('dialog', { name: '新增联系点' });
  await dialog.getByLabel('联系点名称').fill(POINT);
  await dialog.getByLabel('类型').click();
  await page.getByTitle('快递物流企业').click();
  await dialog.getByLabel('联系方式').click();
  await page.getByTitle('挂牌').click();
  await dialog.getByLabel('地址').fill('南昌市青山湖区高新大道 999 号');
  await dialog.getByLabel('联系人').fill('刘站长');
  await dialog.getByLabel('联系电话').fill('13912345678');
  await dialog.getByLabel('建立联系日期').fill('2025-05-20');
  await dialog.getByLabel('建立联系日期').press('Tab');
  await dialog.getByLabel('青年人数（估）').fill('80');
  await settledShot(page, 'outreach-contact-point-create');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/outreach\/contact-points\/\d+$/);
  await expect(page.getByText('139****5678')).toBeVisible();
  await expect(page.getByText('13912345678')).toHaveCount(0);
  await expect(page.getByText('尚未在此建立团组织')).toBeVisible();

  await page.getByRole('button', { name: /建立团组织/ }).click();
  const found = page.getByRole('dialog', { name: '建立团组织' });
  await expect(found.getByLabel('团组织名称')).toHaveValue(BRANCH);
  await found.getByLabel('成立日期').fill('2025-06-01');
  await found.getByLabel('成立日期').press('Tab');
  await settledShot(page, 'outreach-branch-create');
  await found.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/outreach\/branches\/\d+$/);
  await expect(page.getByRole('link', { name: POINT })).toBeVisible();
  await expect(page.getByText('尚未添加成员')).toBeVisible();

  await page.getByRole('button', { name: /从青年库添加成员/ }).click();
  const add = page.getByRole('dialog', { name: '从青年库添加成员' });
  await searchRegistry(page, add, '快递小哥');
  for (const name of COURIERS) {
    await add
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('checkbox')
      .check();
  }
  await add.getByLabel('职务').click();
  await page.getByTitle('团员', { exact: true }).click();
  await settledShot(page, 'outreach-add-members');
  await add.getByRole('button', { name: /添加 3 人/ }).click();
  await expect(page.getByText('已添加 3 名成员')).toBeVisible();
  await expect(add).toBeHidden();

  await page.getByLabel('快递小哥甲的职务').click();
  await page.getByTitle('书记', { exact: true }).click();
  await expect(page.getByText('快递小哥甲的职务已改为书记')).toBeVisible();
  await page
    .getByRole('row', { name: /快递小哥丙/ })
    .getByRole('button', { name: '离开' })
    .click();
  await page.getByRole('button', { name: '确认离开' }).click();
  await expect(page.getByText(/已记录：快递小哥丙于 .* 离开/)).toBeVisible();
  await expect(page.getByTestId('member-counts')).toHaveText('现有成员 2 人，已离开 1 人（记录保留）');
  await expect(page.getByRole('row', { name: /快递小哥丙/ })).toContainText('离开');
  await settledShot(page, 'outreach-branch');

  await openMenu(page, '团组织');
  await expect(page.getByTestId('branch-totals')).toHaveText('现有团组织 1 个 · 现有成员 2 人');
  await expect(
    page.getByTestId('branch-kinds').getByRole('button', { name: '流动团支部 1 个' }),
  ).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(BRANCH) });
  await expect(row).toContainText('快递小哥甲');
  await expect(row).toContainText(POINT);
  await settledShot(page, 'outreach-branches');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /导\s*出/ }).click();
  expect((await downloading).suggestedFilename()).toMatch(/^团组织-.*\.xlsx$/);

  await openMenu(page, '联系点');
  await expect(kinds.getByRole('button', { name: '快递物流企业 1 个' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(POINT) })).toContainText('1 个 · 2 人');
  await expect(page.getByRole('row', { name: new RegExp(POINT) })).toContainText('139****5678');
  await kinds.getByRole('button', { name: '快递物流企业 1 个' }).click();
  await expect(page).toHaveURL(/kind=/);
  await expect(page.getByText('共 1 条')).toBeVisible();
  await settledShot(page, 'outreach-contact-points');
  const exporting = page.waitForEvent('download');
  await page.getByRole('button', { name: /导\s*出/ }).click();
  expect((await exporting).suggestedFilename()).toMatch(/^联系点-.*\.xlsx$/);

  await page.getByRole('link', { name: POINT }).click();
  await expect(page.getByRole('row', { name: new RegExp(BRANCH) })).toContainText('2 人');
  await settledShot(page, 'outreach-contact-point');
});
