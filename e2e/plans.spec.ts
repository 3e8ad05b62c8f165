import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { settledShot, shot, signIn, USERS } from './fixtures';
import { PLAN_FIXTURES } from './seed-plans';

/** Seed 002 as the Word document 团南昌市委 sent: one paragraph per line. */
async function seed002Docx(): Promise<Buffer> {
  const text = fs.readFileSync('server/modules/plans/fixtures/002_5c95f390a569039a.txt', 'utf8');
  const paragraphs = text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

/** The cell texts of a table's header, to find a department's column. */
async function headerIndex(table: Locator, name: string): Promise<number> {
  const headers = await table.locator('thead th').allInnerTexts();
  return headers.findIndex((h) => h.trim() === name);
}

async function noEnglish(page: Page) {
  const text = await page.locator('main, .ant-layout-content').first().innerText();
  expect(text).not.toMatch(/\b(undefined|null|NaN|Error|Invalid|lagging|in_progress|not_started)\b/);
}

const OK = /提\s*交/;

test('a city turns the plan it received into tracked tasks and updates one of them', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.ncOperator);
  // The home page names the task past its deadline and leads to it.
  const alerts = page.getByTestId('plan-alerts');
  await expect(alerts.getByText('超期 20 天')).toBeVisible();
  await alerts.getByRole('link', { name: new RegExp(PLAN_FIXTURES.overdue) }).click();
  await expect(page).toHaveURL(/\/plans\/tasks\/\d+$/);
  await expect(page.getByText(PLAN_FIXTURES.overdue).first()).toBeVisible();

  await page.getByRole('menuitem', { name: '工作推进' }).click();
  await page.getByRole('menuitem', { name: '工作方案' }).click();
  await expect(page).toHaveURL(/\/plans$/);
  await page.getByRole('button', { name: /导入方案文档/ }).click();
  await expect(page).toHaveURL(/\/plans\/import$/);
  await expect(page.getByText('点击或拖入方案的 Word 文档（.docx）')).toBeVisible();
  await shot(page, 'plans-import');

  await page.locator('input[type=file]').setInputFiles({
    name: '洪青发〔2021〕7号.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: await seed002Docx(),
  });
  await expect(page.getByText('共 4 章、23 项任务，将新建部门：南青基金')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel('方案名称')).toHaveValue(/彰显省会担当进程中组织动员/);
  await expect(page.getByLabel('文号')).toHaveValue('洪青发〔2021〕7号');
  await shot(page, 'plans-import-preview');
  await noEnglish(page);

  // Saved as parsed, without a single edit.
  await page.getByRole('button', { name: /保存为工作方案/ }).click();
  await expect(page).toHaveURL(/\/plans\/\d+$/, { timeout: 30_000 });
  await expect(page.getByRole('tab', { name: '任务清单（23）' })).toBeVisible();
  const task7 = page.getByRole('row').filter({ hasText: '深化乡村振兴青春建功行动' });
  await expect(task7).toContainText('● 青发部');
  await expect(task7).toContainText('组织部、宣传部、统战部、学少部、志联部');
  const task15 = page.getByRole('row').filter({ hasText: '深化实施新时代希望工程' });
  await expect(task15).toContainText('● 南青基金');
  await shot(page, 'plans-plan-page');
  await noEnglish(page);

  // The 分工 matrix: task 7 led by 青发部 (●) with five participating departments (○).
  await page.getByRole('tab', { name: '部门分工' }).click();
  const matrix = page.getByTestId('division-matrix');
  const row7 = matrix.getByRole('row').filter({ hasText: '深化乡村振兴青春建功行动' });
  await expect(row7.getByText('●')).toHaveCount(1);
  await expect(row7.getByText('○')).toHaveCount(5);
  const cells = row7.locator('td');
  expect(await cells.nth(await headerIndex(matrix, '青发部')).innerText()).toBe('●');
  expect(await cells.nth(await headerIndex(matrix, '组织部')).innerText()).toBe('○');
  expect(await cells.nth(await headerIndex(matrix, '办公室')).innerText()).toBe('');
  const counts = page.getByTestId('division-counts');
  const leads = counts.getByRole('row').filter({ hasText: '牵头 ●' }).locator('td');
  expect(await leads.nth(await headerIndex(counts, '青发部')).innerText()).toBe('4');
  await matrix.scrollIntoViewIfNeeded();
  await shot(page, 'plans-division');

  // Update task 13: reported 滞后 (red), then 已完成 with the indicator's actual (green).
  await page.getByRole('tab', { name: /任务清单/ }).click();
  await page.getByRole('link', { name: '深化青年就业创业促进计划' }).click();
  await expect(page).toHaveURL(/\/plans\/tasks\/\d+$/);
  await expect(page.getByTestId('task-status')).toHaveText('未开始');
  await expect(page.getByTestId('task-light')).toHaveText('无期限');

  await page.getByRole('button', { name: /填报进展/ }).click();
  let dialog = page.getByRole('dialog');
  await dialog
    .locator('label')
    .filter({ hasText: /^滞后$/ })
    .click();
  await dialog.getByLabel('进展情况').fill('春风行动招聘会因场地调整推迟举办');
  await dialog.getByLabel(/提供适合大学生就业的岗位信息/).fill('1800');
  await settledShot(page, 'plans-progress-dialog');
  await dialog.getByRole('button', { name: OK }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('task-status')).toHaveText('滞后');
  await expect(page.getByTestId('task-light')).toHaveText('红灯');

  await page.getByRole('button', { name: /填报进展/ }).click();
  dialog = page.getByRole('dialog');
  await dialog
    .locator('label')
    .filter({ hasText: /^已完成$/ })
    .click();
  await dialog.getByLabel('进展情况').fill('全年提供就业岗位信息 5200 个，超额完成');
  await dialog.getByLabel(/提供适合大学生就业的岗位信息/).fill('5200');
  await dialog.locator('input[type=file]').setInputFiles({
    name: '岗位信息汇总.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'),
  });
  await dialog.getByRole('button', { name: OK }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('task-status')).toHaveText('已完成');
  await expect(page.getByTestId('task-light')).toHaveText('绿灯');
  const indicator = page.getByRole('row').filter({ hasText: '提供适合大学生就业的岗位信息' });
  await expect(indicator).toContainText('5200个');
  await expect(indicator).toContainText('已达到');
  await expect(page.getByText('岗位信息汇总.pdf')).toBeVisible();
  await expect(page.getByText('春风行动招聘会因场地调整推迟举办')).toBeVisible();
  await settledShot(page, 'plans-task-page');
  await noEnglish(page);

  // The cross-plan views.
  await page.getByRole('menuitem', { name: '任务督办' }).click();
  await expect(page).toHaveURL(/\/plans\/tasks$/);
  await expect(page.getByText('共 26 条')).toBeVisible();
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await shot(page, 'plans-task-list');
  await noEnglish(page);
  await page.getByText('部门分工', { exact: true }).first().click();
  await expect(page).toHaveURL(/\/plans\/tasks\/departments$/);
  await expect(page.getByTestId('division-matrix')).toBeVisible();
  await shot(page, 'plans-department-view');
  await page.getByText('超期任务', { exact: true }).first().click();
  await expect(page).toHaveURL(/\/plans\/tasks\/overdue$/);
  const overdue = page.getByRole('row').filter({ hasText: PLAN_FIXTURES.overdue });
  await expect(overdue).toContainText('20 天');
  await expect(page.getByText('共 1 条')).toBeVisible();
  await shot(page, 'plans-overdue');
  await page.getByRole('menuitem', { name: '工作方案' }).click();
  const listed = page.getByRole('row').filter({ hasText: '彰显省会担当' });
  await expect(listed).toContainText('23');
  await expect(listed).toContainText('绿灯 1');
  const seeded = page.getByRole('row').filter({ hasText: PLAN_FIXTURES.title });
  await expect(seeded).toContainText('红灯 1');
  await expect(seeded).toContainText('黄灯 1');
  await shot(page, 'plans-list');
});

test('a province writes a plan by hand and issues it to its key contact cities', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.jxAdmin);
  await page.goto('/plans');
  await page.getByRole('button', { name: /手工新建/ }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('方案名称').fill('“筑梦计划”推进步骤（江西）');
  await dialog.getByPlaceholder('章节标题').fill('推进步骤');
  await shot(page, 'plans-new-plan');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page).toHaveURL(/\/plans\/\d+$/, { timeout: 30_000 });

  await page.getByRole('button', { name: /新增任务/ }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('任务标题').fill('完成首批重点领域培养对象遴选，建立花名册');
  await dialog.getByLabel('牵头部门 ●').click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: /^社会联络部$/ })
    .click();
  await dialog.getByLabel('参与部门 ○').click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: /^组织部$/ })
    .last()
    .click();
  await shot(page, 'plans-task-dialog');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page).toHaveURL(/\/plans\/tasks\/\d+$/, { timeout: 30_000 });
  await expect(page.getByText('社会联络部').first()).toBeVisible();

  await page.getByRole('link', { name: '“筑梦计划”推进步骤（江西）' }).click();
  await page.getByRole('button', { name: /下\s*发/ }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByText('下发给江西省以下的全部重点联系城市。')).toBeVisible();
  await settledShot(page, 'plans-issue-dialog');
  await dialog.getByRole('button', { name: /下\s*发/ }).click();
  await expect(page.getByText('已下发 2 个单位')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: '下发情况（2）' }).click();
  await expect(page.getByTestId('copies-summary')).toContainText('已下发 2 个单位');
  await expect(page.getByRole('link', { name: '南昌市' })).toBeVisible();
  await expect(page.getByRole('link', { name: '景德镇市' })).toBeVisible();
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await shot(page, 'plans-copies');
  await noEnglish(page);
});
