import { expect, test, type Page } from '@playwright/test';
import { shot, signIn, USERS } from './fixtures';
import { FEDERATION_FIXTURES } from './seed-federation';

/** A small but real PDF (one blank page): the 常委会会议纪要. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);
const OK = /确\s*定/;

/** 推荐或申请 a society of the register; ends on the new member group's page. */
async function propose(page: Page, society: { name: string; initials: string }) {
  await page.goto('/federation');
  await page.getByRole('button', { name: /推荐或申请入会/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: /青年社团/ }).click();
  await page.keyboard.type(society.initials);
  await page.getByTitle(society.name).click();
  await dialog.getByRole('button', { name: OK }).click();
  await expect(page).toHaveURL(/\/federation\/\d+$/);
}

async function stepThrough(page: Page, button: RegExp) {
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('dialog').getByRole('button', { name: OK }).click();
  // Saving a step writes its history and audit row; on a busy 2-core CI runner that can take a while.
  await expect(page.getByRole('dialog')).toHaveCount(0, { timeout: 30_000 });
}

async function admit(page: Page, society: { name: string; initials: string }) {
  await propose(page, society);
  await stepThrough(page, /记录资格审查/);
  await stepThrough(page, /记录常委会审议/);
  await stepThrough(page, /吸纳为会员团体/);
  await expect(page.locator('.ant-card-head .ant-tag', { hasText: '已吸纳' })).toBeVisible();
}

async function nanchangRow(page: Page) {
  await page.goto('/federation/supervision');
  await expect(page.getByTestId('coverage-summary')).toBeVisible();
  return page.getByRole('row').filter({ has: page.getByRole('link', { name: '南昌市', exact: true }) });
}

test('a city admits societies as member groups and the province watches it turn 达标, then back after an exit', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  // The province sets its targets.
  await signIn(page, USERS.jxAdmin);
  await page.getByRole('menuitem', { name: '组织覆盖' }).click();
  await page.getByRole('menuitem', { name: '覆盖督导' }).click();
  await expect(page).toHaveURL(/\/federation\/supervision/);
  await page.getByText('目标设置', { exact: true }).first().click();
  await expect(page).toHaveURL(/\/federation\/supervision\/targets$/);
  await expect(page.getByText(/有条件的县（已选 0 个/)).toBeVisible();
  await page.getByRole('checkbox', { name: '东湖区' }).check();
  const start = page.getByLabel('起始日期');
  await start.click();
  await start.fill('2025-01-01');
  await shot(page, 'federation-targets');
  // Enter takes the typed date and submits the form (as 保存 does).
  await start.press('Enter');
  await expect(page.getByText('已保存组织覆盖目标')).toBeVisible();
  await expect(page.getByText('本省期限截止 2028-01-01')).toBeVisible();

  let row = await nanchangRow(page);
  await expect(row.getByText('未达标')).toBeVisible();
  await expect(row.getByText('0 / 3')).toBeVisible();

  // The city runs the admissions.
  const cityContext = await browser.newContext();
  const city = await cityContext.newPage();
  await signIn(city, USERS.ncOperator);

  // An unregistered self-organisation led by nobody may not be admitted (seed 003 §三.5).
  await propose(city, FEDERATION_FIXTURES.selfOrg);
  await expect(city.getByText('尚未注册，暂不具备吸纳条件')).toBeVisible();
  await city.getByRole('button', { name: /记录资格审查/ }).click();
  await city.getByRole('dialog').getByRole('button', { name: OK }).click();
  await expect(city.getByText(/青联委员推荐名额/).first()).toBeVisible();
  await shot(city, 'federation-refused');
  await city
    .getByRole('dialog')
    .getByRole('button', { name: /取\s*消/ })
    .click();

  for (const s of FEDERATION_FIXTURES.registered) await admit(city, s);
  await city.locator('input[type="file"]').last().setInputFiles({
    name: '常委会会议纪要.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await expect(city.getByText('已上传：常委会会议纪要.pdf')).toBeVisible();
  await expect(city.getByText(/常委会会议纪要\.pdf（/)).toBeVisible();

  // Three groups: still short of the League-affiliated emerging-field society.
  row = await nanchangRow(page);
  await expect(row.getByText('3 / 3')).toBeVisible();
  await expect(row.getByText('未达标')).toBeVisible();

  await admit(city, FEDERATION_FIXTURES.league);
  await shot(city, 'federation-member');

  await city.goto('/federation');
  await expect(city.getByText('不计入')).toBeVisible();
  await expect(city.getByText(/共 6 条/)).toBeVisible();
  await shot(city, 'federation-members');

  row = await nanchangRow(page);
  await expect(row.getByText('达标', { exact: true })).toBeVisible();
  await expect(row.getByText('4 / 3')).toBeVisible();
  await expect(row.getByText('1 / 1')).toBeVisible();
  await shot(page, 'federation-supervision');

  // Drill down to the city's groups.
  await row.getByRole('link', { name: '南昌市', exact: true }).click();
  await expect(page).toHaveURL(/\/federation\?unitId=\d+/);
  await expect(page.getByText(FEDERATION_FIXTURES.league.name)).toBeVisible();

  // The League-affiliated society leaves: the city falls back.
  await city.getByRole('link', { name: FEDERATION_FIXTURES.league.name }).click();
  await city.getByRole('button', { name: /调整退出/ }).click();
  const exit = city.getByRole('dialog');
  await exit.getByLabel('退出原因').click();
  await city.getByTitle('发挥作用不明显').click();
  await exit.getByLabel('说明').fill('连续一年未开展活动');
  await shot(city, 'federation-exit');
  await exit.getByRole('button', { name: OK }).click();
  await expect(city.locator('.ant-card-head .ant-tag', { hasText: '已退出' })).toBeVisible();
  await expect(city.getByText('调整退出', { exact: true }).last()).toBeVisible();

  row = await nanchangRow(page);
  await expect(row.getByText('未达标')).toBeVisible();
  await expect(row.getByText('0 / 1')).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出指标表/ }).click();
  expect((await downloading).suggestedFilename()).toMatch(/组织覆盖督导指标表.*\.xlsx$/);
  await cityContext.close();
});
