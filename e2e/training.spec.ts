import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type Page,
} from '@playwright/test';
import fs from 'node:fs';
import { docxDocumentXml } from '../server/platform/word/test-docx';
import { E2E_PASSWORD, searchRegistry, settledShot, signIn, totpNow, USERS } from './fixtures';

const TITLE = '2026年南昌市新兴青年专题培训班';
const KEY_TARGETS = ['培训重点甲', '培训重点乙'];

/** An API session of its own (cookie jar and CSRF token), for preparing data the way a cadre would. */
async function apiAs(baseURL: string, user: { username: string; totpSecret?: string }) {
  const api = await playwrightRequest.newContext({ baseURL });
  let me = await (
    await api.post('/api/auth/login', { data: { username: user.username, password: E2E_PASSWORD } })
  ).json();
  if (me.stage === 'totp') {
    const res = await api.post('/api/auth/totp/verify', {
      data: { code: await totpNow(user.totpSecret!) },
      headers: { 'X-CSRF-Token': me.csrfToken },
    });
    me = await res.json();
  }
  const headers = { 'X-CSRF-Token': me.csrfToken as string };
  const post = async (api2: APIRequestContext, url: string, data: object) => {
    const res = await api2.post(url, { data, headers });
    expect(res.ok(), await res.text()).toBe(true);
    return res.json();
  };
  return {
    api,
    get: (url: string) => api.get(url).then((r) => r.json()),
    post: (url: string, data: object) => post(api, url, data),
  };
}

/** Two key targets: registered by the operator, proposed, and approved by the reviewer. */
async function keyTargets(baseURL: string) {
  const op = await apiAs(baseURL, USERS.ncOperator);
  const reviewer = await apiAs(baseURL, USERS.ncReviewer);
  for (const name of KEY_TARGETS) {
    const { youth } = await op.post('/api/youth', { name });
    await op.post(`/api/youth/${youth.id}/stage-proposals`, {
      toStage: 'key',
      reason: '创作成绩突出，拟重点培养',
    });
  }
  const pending = await reviewer.get('/api/youth-stage-proposals?status=pending&pageSize=200');
  for (const p of pending.items.filter((x: { youthName: string }) => KEY_TARGETS.includes(x.youthName))) {
    await reviewer.post(`/api/youth-stage-proposals/${p.id}/review`, { decision: 'approve' });
  }
  await op.api.dispose();
  await reviewer.api.dispose();
}

async function addLesson(page: Page, title: string, kind: '专业类' | '思想类', day: string) {
  await page.getByRole('button', { name: '新增课程' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('课程名称').fill(title);
  await dialog.getByText(kind, { exact: true }).click();
  await dialog.getByLabel('授课人').fill('省作协 李老师');
  const time = dialog.getByLabel('上课时间');
  await time.click();
  await time.fill(`${day} 09:00`);
  // Enter confirms the time and saves the dialog's form.
  await time.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(title) })).toBeVisible();
}

test('a city committee runs a class: lessons, key targets enrolled, attendance, completion, Word summary', async ({
  page,
  baseURL,
}) => {
  await keyTargets(baseURL!);
  await signIn(page, USERS.ncOperator);
  await page.getByRole('menuitem', { name: '培训' }).click();
  await expect(page.getByText('培训班').first()).toBeVisible();

  await page.getByRole('button', { name: '新建培训班' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('培训班名称').fill(TITLE);
  await dialog.getByLabel('培训地点').fill('南昌市青年之家');
  const start = dialog.getByPlaceholder('开始日期');
  await start.click();
  await start.fill('2026-03-02');
  await start.press('Enter');
  const end = dialog.getByPlaceholder('结束日期');
  await end.fill('2026-03-06');
  await settledShot(page, 'training-class-dialog');
  // Enter confirms the date range and, the dialog being one form, saves it.
  await end.press('Enter');
  await expect(page).toHaveURL(/\/training\/\d+$/);
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();

  await addLesson(page, '网络文学创作实践', '专业类', '2026-03-02');
  await addLesson(page, '新时代青年的使命与担当', '思想类', '2026-03-03');
  await settledShot(page, 'training-lessons');

  await page.getByRole('tab', { name: /学员/ }).click();
  await page.getByRole('button', { name: '从青年库添加' }).click();
  const enrol = page.getByRole('dialog', { name: '从青年库添加学员' });
  await searchRegistry(page, enrol, '培训重点');
  for (const name of KEY_TARGETS) {
    await enrol
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('checkbox')
      .check();
  }
  await settledShot(page, 'training-enrol');
  await enrol.getByRole('button', { name: /报名所选/ }).click();
  await expect(enrol).toBeHidden();
  await page.getByRole('button', { name: '按规则录取' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.getByText('录取 2 人')).toBeVisible();
  for (const name of KEY_TARGETS) {
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('重点培养对象');
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('录取');
  }
  await settledShot(page, 'training-enrolments');

  await page.getByRole('tab', { name: '考勤' }).click();
  const allPresent = page.getByRole('button', { name: '全部出勤' });
  await expect(allPresent).toHaveCount(2);
  await allPresent.nth(0).click();
  await allPresent.nth(1).click();
  await page.getByRole('button', { name: /保存考勤/ }).click();
  await expect(page.getByText('考勤已保存（4 项）')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(KEY_TARGETS[0]) })).toContainText('100%');
  await settledShot(page, 'training-attendance');

  await page.getByRole('tab', { name: '结业' }).click();
  await expect(page.getByText('目前符合 2 人')).toBeVisible();
  await page.getByRole('button', { name: '办理结业' }).click();
  await page.getByRole('button', { name: '确认结业' }).click();
  await expect(page.getByText('2 人结业，生成跟踪培养任务 4 项').last()).toBeVisible();
  await settledShot(page, 'training-completed');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /知道了|确\s*定|OK/ })
    .click();
  await expect(page.getByText('已结业').first()).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载总结（Word）' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${TITLE}总结.docx`);
  const xml = await docxDocumentXml(fs.readFileSync((await download.path())!));
  expect(xml).toContain(`${TITLE}总结`);
  expect(xml).toContain('结业 2 人');

  await page.getByRole('tab', { name: '跟踪培养' }).click();
  await expect(page.getByText('结业后 3 个月').first()).toBeVisible();
  await settledShot(page, 'training-class-follow-ups');

  await page.goto('/training');
  await expect(page.getByRole('row', { name: new RegExp(TITLE) })).toContainText('已结业');
  await settledShot(page, 'training-list');
  await page.getByRole('button', { name: '培训机构' }).click();
  await page.getByRole('button', { name: '新增机构' }).click();
  const inst = page.getByRole('dialog');
  await inst.getByLabel('机构名称').fill('南昌市作家协会');
  await inst.getByLabel('联系电话').fill('13912345678');
  await inst.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('row', { name: /南昌市作家协会/ })).toContainText('139****5678');
  await settledShot(page, 'training-institutions');
  await page.goto('/training/follow-ups');
  await expect(page.getByText('跟踪培养（默认显示已逾期）')).toBeVisible();
  await settledShot(page, 'training-follow-ups');
});
