import { expect, test, type Browser, type Page } from '@playwright/test';
import { JUDGING_ENTRANTS } from '../server/modules/judging/judging-test-fixtures';
import { signIn, USERS } from './fixtures';

/**
 * Blind judging at 1366×768: the organiser sets up round 1 (two judges per work), judges A and B score
 * in the browser without ever seeing who made a work, the organiser reads the ranking and its spread,
 * asks for a rescore and closes the round.
 */

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ mode: 'serial' });

const SHOTS = '/tmp/shots/B';
const CALL_TITLE = '“青春赣鄱”青年书画作品征集';
const identifying = JUDGING_ENTRANTS.flatMap((e) => [
  e.name,
  e.phone,
  e.idNumber,
  ...(e.groupName ? [e.groupName] : []),
]);

async function asUser(browser: Browser, user: { username: string; totpSecret?: string }) {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await signIn(page, user);
  return page;
}

async function openRoundsTab(page: Page) {
  await page.goto('/calls');
  await page.getByText(CALL_TITLE).first().click();
  await page.getByRole('tab', { name: '评审' }).click();
}

async function pick(page: Page, select: ReturnType<Page['locator']>, option: RegExp) {
  await select.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/** Scores every work on the judge's list, each criterion `value`, checking blindness on every page. */
async function scoreAll(page: Page, value: number, shotName?: string) {
  await expect(page).toHaveURL(/\/judging$/);
  await expect(page.getByText('评审任务').first()).toBeVisible();
  await page.getByRole('link', { name: '评分' }).first().click();
  for (let i = 0; i < 20; i++) {
    await expect(page.getByText('主题立意')).toBeVisible();
    const text = await page.locator('main, body').first().innerText();
    for (const s of identifying) expect(text, `judge page shows ${s}`).not.toContain(s);
    for (const label of ['主题立意', '艺术技法', '感染力']) {
      await page.getByRole('spinbutton', { name: label }).fill(String(value));
    }
    if (i === 0 && shotName) {
      await expect(page.locator('img[alt="作品文件 1.png"]')).toBeVisible();
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${SHOTS}/${shotName}.png` });
    }
    const hasNext = await page.getByRole('button', { name: /下一件/ }).isEnabled();
    const here = page.url();
    await page.getByRole('button', { name: '提交评分' }).click();
    if (!hasNext) {
      await expect(page.locator('.ant-card-extra').getByText('已评分')).toBeVisible();
      break;
    }
    // Submitting moves on to the next work.
    await page.waitForURL((url) => url.href !== here);
  }
}

test('blind judging: set up, score, rank, rescore and close', async ({ browser }) => {
  test.setTimeout(240_000);
  const organiser = await asUser(browser, USERS.ncOperator);
  await openRoundsTab(organiser);
  await organiser.getByRole('button', { name: '新建评审轮次' }).click();
  const settings = organiser.getByRole('dialog');
  await settings.getByLabel('每件作品评委数').fill('2');
  await settings.getByRole('button', { name: /确\s*定/ }).click();
  await expect(organiser.getByText('已新建初评，共 8 件作品')).toBeVisible();

  await organiser.getByRole('button', { name: '设定评委' }).click();
  const panel = organiser.getByRole('dialog');
  for (const name of [/评委甲/, /评委乙/, /评委丙/]) {
    await panel.getByRole('button', { name: '添加评委' }).click();
    await pick(organiser, panel.locator('.ant-select').filter({ hasText: '评委' }).last(), name);
  }
  await panel.getByRole('button', { name: /确\s*定/ }).click();
  await expect(organiser.getByText('评委组已保存')).toBeVisible();

  await organiser.getByRole('button', { name: '自动分配' }).click();
  await expect(organiser.getByText('已完成分配')).toBeVisible();
  // Judge C mentors the first entrant: the conflict is found before assignment.
  await expect(organiser.getByRole('cell', { name: '导师结对' })).toBeVisible();
  // The organiser sets one more, finding the work by its title on the server.
  await organiser.getByRole('button', { name: '添加回避' }).click();
  const conflict = organiser.getByRole('dialog');
  await pick(organiser, conflict.locator('.ant-select').first(), /评委丙/);
  const entryPicker = conflict.locator('.ant-select').nth(1);
  await entryPicker.click();
  await entryPicker.locator('input').fill('滕王阁');
  await organiser
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: '滕王阁新韵' })
    .click();
  await conflict.getByLabel('原因').fill('评委丙曾指导该作品');
  await organiser.screenshot({ path: `${SHOTS}/conflict-dialog.png` });
  await conflict.getByRole('button', { name: /确\s*定/ }).click();
  await expect(organiser.getByText('已设定回避')).toBeVisible();
  await expect(organiser.getByRole('cell', { name: '组织方设定' })).toBeVisible();
  await organiser.getByRole('button', { name: '重新分配' }).click();
  await expect(organiser.getByText('已完成分配')).toBeVisible();
  await expect(organiser.getByText('件作品评委不足')).toHaveCount(0);
  await organiser.getByRole('button', { name: '开始评分' }).click();
  await organiser.getByRole('dialog').getByRole('button', { name: '开始评分' }).click();
  await expect(organiser.getByText('已开始评分')).toBeVisible();

  const judgeA = await asUser(browser, USERS.judgeA);
  await scoreAll(judgeA, 9, 'judge-scoring');
  const judgeB = await asUser(browser, USERS.judgeB);
  await scoreAll(judgeB, 3);

  await organiser.reload();
  await expect(organiser.getByText('排名（实时）')).toBeVisible();
  await expect(organiser.locator('.anticon-warning').first()).toBeVisible();
  await organiser.getByText('排名（实时）').scrollIntoViewIfNeeded();
  await organiser.waitForTimeout(400);
  await organiser.screenshot({ path: `${SHOTS}/ranking.png` });

  // The search narrows the ranking on the server.
  const search = organiser.getByPlaceholder('作品编号或标题');
  await search.fill('滕王阁');
  await expect(organiser.getByText('共 1 件')).toBeVisible();
  await search.fill('');
  // A work the judges disagree on (flagged): the filter shows only those; the note is proposed from the spread.
  const spreadFilter = organiser.locator('.ant-segmented-item').filter({ hasText: '分差超阈值' });
  const flaggedCount = Number((await spreadFilter.innerText()).replace(/\D/g, ''));
  expect(flaggedCount).toBeGreaterThan(0);
  await spreadFilter.click();
  await expect(organiser.getByText(`共 ${flaggedCount} 件`)).toBeVisible();
  const rankingCard = organiser.locator('.ant-card').filter({ hasText: '排名（实时）' }).last();
  const flagged = rankingCard.getByRole('row').filter({ has: organiser.locator('.anticon-warning') });
  await expect(flagged).toHaveCount(flaggedCount);
  await expect(rankingCard.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(flaggedCount);
  await flagged.first().getByRole('button', { name: '请求复评' }).click();
  const rescore = organiser.getByRole('dialog');
  await rescore.getByRole('checkbox').first().check();
  await rescore.getByRole('button', { name: /确\s*定/ }).click();
  await expect(organiser.getByText('已请评委复评')).toBeVisible();

  await organiser.getByRole('button', { name: '结束本轮' }).click();
  await organiser.getByRole('dialog').getByRole('button', { name: '结束本轮' }).click();
  await expect(organiser.getByText('排名（已结束）')).toBeVisible();
  await expect(organiser.getByText('晋级').first()).toBeVisible();
  await organiser.screenshot({ path: `${SHOTS}/closed.png`, fullPage: true });
});
