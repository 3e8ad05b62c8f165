import { expect, test, type Page } from '@playwright/test';
import { todayInChina } from '../common/validators';
import { settledShot, signIn, USERS } from './fixtures';

const today = todayInChina();
const [YEAR, MONTH] = today.split('-').map(Number);
const QUARTER = Math.ceil(MONTH / 3);
const TITLE = `${YEAR}年第${QUARTER}季度工作进展`;
const RETURN_COMMENT = '请补充本季度联系服务网络作家的具体做法和典型事例。';

function inDays(days: number) {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** antd spaces out a two-character label; an icon's name comes before the label. */
const button = (label: string) => new RegExp(`(^|\\s)${label.split('').join('\\s*')}$`);

async function openFromMenu(page: Page, entry: string | RegExp) {
  const item = page.getByRole('menuitem', { name: entry });
  if (!(await item.isVisible())) await page.getByRole('menuitem', { name: '工作推进' }).click();
  await item.click();
}

const header = (page: Page) => page.locator('.ant-card').first();

async function confirmSubmit(page: Page, label: RegExp) {
  await page.getByRole('button', { name: label }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: button('报送') })
    .click();
  await expect(page.getByText(/已报送.+，等待审核/)).toBeVisible();
}

test('the centre collects the quarterly report of the 71 key contact cities: submit, return, resubmit, accept, completeness at the province', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);

  // The centre opens the quarterly collection for the key contact cities.
  await signIn(page, USERS.admin);
  await openFromMenu(page, '报送任务');
  await expect(page).toHaveURL(/\/reports\/collections$/);
  await page.getByRole('button', { name: /发起报送任务/ }).click();
  const dialog = page.getByRole('dialog', { name: '发起报送任务' });
  await expect(dialog.getByTestId('target-preview')).toContainText('将向 71 个单位发起：省级 4、市级 67');
  await expect(dialog.getByLabel('任务名称')).toHaveAttribute('placeholder', TITLE);
  await dialog
    .getByLabel('报送要求（选填）')
    .fill('请重点反映联系服务新兴青年的做法和成效，指标与系统统计不一致的请说明原因。');
  await settledShot(page, 'reports-open');
  const deadline = dialog.getByLabel('截止日期', { exact: true });
  await deadline.click();
  await deadline.fill(inDays(5));
  // Enter takes the typed date and, the dialog being one form, opens the collection.
  await deadline.press('Enter');
  await expect(page).toHaveURL(/\/reports\/collections\/\d+$/);
  const collectionUrl = page.url();
  const summary = page.getByTestId('report-summary');
  await expect(summary).toContainText(/应报单位\s*71/);
  await expect(summary).toContainText(/已报送\s*0/);
  await settledShot(page, 'reports-collection-opened');

  // 南昌市 sees it on its home page and in 待报送, fills it in and submits.
  const cityContext = await browser.newContext();
  const city = await cityContext.newPage();
  await signIn(city, USERS.ncOperator);
  const reminders = city.getByTestId('report-reminders');
  await expect(reminders).toContainText(TITLE);
  await expect(reminders).toContainText(/7 天内到期\s*1/);
  await settledShot(city, 'reports-home-reminders');
  await openFromMenu(city, /待报送/);
  const dueRow = city.getByRole('row').filter({ hasText: TITLE });
  await expect(dueRow).toContainText('剩 5 天');
  await settledShot(city, 'reports-due');
  await dueRow.getByRole('button', { name: button('填报') }).click();
  await expect(city).toHaveURL(/\/reports\/submissions\/\d+$/);
  const submissionUrl = city.url();

  await city
    .getByLabel('本季度工作进展')
    .fill('本季度走访联系网络作家、自媒体人等新兴青年 3 人，建立重点培养对象名册，举办青春沙龙一场。');
  await city.getByLabel('主要做法与成效').fill('依托青年之家开展常态化联系，建立一对一联系制度。');
  const contacted = city.getByLabel('联系青年填报值');
  const counted = Number(await contacted.inputValue());
  await contacted.fill(String(counted + 2));
  await city.getByRole('button', { name: button('报送') }).click();
  await expect(city.getByText('填报值与系统统计不一致，请说明原因')).toBeVisible();
  await city.getByLabel('联系青年差异说明').fill('另有 2 名青年通过电话联系，尚未录入青年库');
  await city.getByRole('button', { name: button('保存') }).click();
  await expect(city.getByText('已保存', { exact: true })).toBeVisible();
  await settledShot(city, 'reports-fill');
  await contacted.evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -180);
  });
  await settledShot(city, 'reports-fill-figures');
  await confirmSubmit(city, button('报送'));
  await expect(header(city)).toContainText('待审核');

  // The centre returns it with a comment.
  await openFromMenu(page, '待审核');
  const reviewRow = page.getByRole('row').filter({ hasText: '南昌市' }).filter({ hasText: TITLE });
  await settledShot(page, 'reports-review-list');
  await reviewRow.getByRole('button', { name: button('审核') }).click();
  await expect(page).toHaveURL(submissionUrl);
  await expect(page.getByText('另有 2 名青年通过电话联系，尚未录入青年库')).toBeVisible();
  await settledShot(page, 'reports-review');
  await page.getByRole('button', { name: button('退回') }).click();
  const back = page.getByRole('dialog');
  await back.getByLabel('退回意见').fill(RETURN_COMMENT);
  await back.getByRole('button', { name: button('退回') }).click();
  await expect(header(page)).toContainText('已退回');

  // 南昌 sees why, corrects and resubmits.
  await city.goto('/reports/due');
  await expect(city.getByRole('row').filter({ hasText: TITLE })).toContainText(RETURN_COMMENT);
  await settledShot(city, 'reports-due-returned');
  await city.getByRole('button', { name: /修改后重新报送/ }).click();
  await expect(city.getByRole('alert').filter({ hasText: RETURN_COMMENT })).toBeVisible();
  await city
    .getByLabel('主要做法与成效')
    .fill(
      '依托青年之家开展常态化联系，建立一对一联系制度；为网络作家陈墨白对接创作资源，推荐参加省作协培训。',
    );
  await settledShot(city, 'reports-returned');
  await confirmSubmit(city, button('重新报送'));

  // The centre accepts: the report locks for 南昌.
  await page.reload();
  await expect(page.getByText('修改后重新报送').first()).toBeVisible();
  await page.getByRole('button', { name: button('通过') }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: button('通过') })
    .click();
  await expect(header(page)).toContainText('已通过');
  await settledShot(page, 'reports-accepted');

  await city.reload();
  await expect(city.getByText(/已审核通过，报告已锁定/)).toBeVisible();
  await expect(city.getByRole('button', { name: button('保存') })).toHaveCount(0);
  const word = city.waitForEvent('download');
  await city.getByRole('button', { name: /下载报告（Word）/ }).click();
  expect((await word).suggestedFilename()).toMatch(/\.docx$/);
  await settledShot(city, 'reports-locked');

  // 江西省 sees its two key contact cities: 南昌 accepted on time, 景德镇 not yet submitted.
  const provinceContext = await browser.newContext();
  const province = await provinceContext.newPage();
  await signIn(province, USERS.jxAdmin);
  await openFromMenu(province, '报送任务');
  await province.getByRole('link', { name: TITLE }).click();
  await expect(province.getByTestId('report-summary')).toContainText(/应报单位\s*2/);
  const nanchang = province.getByRole('row').filter({ hasText: '南昌市' });
  await expect(nanchang).toContainText('已通过');
  await expect(nanchang).toContainText('按时报送');
  const jingdezhen = province.getByRole('row').filter({ hasText: '景德镇市' });
  await expect(jingdezhen).toContainText('未填报');
  await expect(jingdezhen).toContainText('未到截止日期');
  await settledShot(province, 'reports-collection-province');
  await provinceContext.close();

  // The centre: 1 of 71 submitted; drill into 江西省.
  await page.goto(collectionUrl);
  await expect(page.getByTestId('report-summary')).toContainText(/已报送\s*1/);
  await expect(page.getByTestId('report-summary')).toContainText(/应报单位\s*71/);
  await settledShot(page, 'reports-collection-centre');
  await page.getByRole('row').filter({ hasText: '江西省' }).getByText('江西省').click();
  await expect(page.getByRole('row').filter({ hasText: '景德镇市' })).toContainText('未填报');
  await settledShot(page, 'reports-drill-province');
  const xlsx = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出汇总表/ }).click();
  expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);

  await page.getByRole('tab', { name: '报送明细' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  await settledShot(page, 'reports-collection-submissions');

  await openFromMenu(page, '报送任务');
  await expect(page.getByRole('row').filter({ hasText: TITLE })).toContainText('已报 1 / 应报 71');
  await settledShot(page, 'reports-collections');

  await openFromMenu(page, '报送统计');
  await expect(page.getByTestId('report-summary')).toBeVisible();
  await settledShot(page, 'reports-timeliness');
  await cityContext.close();
});

/** A small but real PDF (one blank page). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

test('a province collects the 花名册 of its cities: generated from the registry, masked, with an attachment', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signIn(page, USERS.jxAdmin);
  await page.goto('/reports/collections');
  await page.getByRole('button', { name: /发起报送任务/ }).click();
  const dialog = page.getByRole('dialog', { name: '发起报送任务' });
  await dialog.getByText('花名册', { exact: true }).click();
  await dialog.getByText('下级全部单位（按层级）').click();
  await expect(dialog.getByTestId('target-preview')).toContainText('将向 11 个单位发起：市级 11');
  await expect(dialog.getByLabel('任务名称')).toHaveAttribute('placeholder', `${YEAR}年度花名册`);
  await dialog.getByLabel('任务名称').fill(`${YEAR}年新兴青年重点培养对象花名册`);
  await dialog.getByRole('button', { name: button('发起') }).click();
  await expect(page).toHaveURL(/\/reports\/collections\/\d+$/);
  await expect(page.getByTestId('report-summary')).toContainText(/应报单位\s*11/);

  const cityContext = await browser.newContext();
  const city = await cityContext.newPage();
  await signIn(city, USERS.ncOperator);
  await city.goto('/reports/due');
  await city
    .getByRole('row')
    .filter({ hasText: '重点培养对象花名册' })
    .getByRole('button', { name: button('填报') })
    .click();
  await city.getByRole('button', { name: /生成花名册/ }).click();
  await expect(city.getByText(/已生成花名册：共 \d+ 人/)).toBeVisible();
  await expect(city.getByRole('row').filter({ hasText: '陈墨白' })).toBeVisible();
  await city.locator('input[type="file"]').setInputFiles({
    name: '花名册说明.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await expect(city.getByText('已上传：花名册说明.pdf')).toBeVisible();
  await city.getByLabel('填报说明').fill('本期新增重点培养对象 1 人（陈墨白，网络作家）。');
  await settledShot(city, 'reports-roster');
  await city.getByText('报送花名册', { exact: true }).evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -80);
  });
  await settledShot(city, 'reports-roster-list');
  const roster = city.waitForEvent('download');
  await city.getByRole('button', { name: /导出花名册/ }).click();
  expect((await roster).suggestedFilename()).toMatch(/\.xlsx$/);
  await confirmSubmit(city, button('报送'));
  await expect(header(city)).toContainText('待审核');
  await cityContext.close();

  await page.goto('/reports/review');
  await expect(page.getByRole('row').filter({ hasText: '南昌市' })).toContainText('重点培养对象花名册');
  await settledShot(page, 'reports-review-province');
});
