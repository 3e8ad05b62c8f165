import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { settledShot, signIn, USERS } from './fixtures';
import { SHOWCASE } from './seed-showcase';

const SHOTS = '/tmp/shots/public-unit';
fs.mkdirSync(SHOTS, { recursive: true });

async function look(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test.describe.configure({ mode: 'serial' });

test('单位主页 on a phone: the open call, a showcased work, its page with the image', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto(`/m/u/${SHOWCASE.code}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('共青团青山湖区委员会');
  const calls = page.getByRole('region', { name: '正在征集' });
  await expect(calls.getByRole('link', { name: new RegExp(SHOWCASE.open.title) })).toBeVisible();
  await expect(page.getByText(SHOWCASE.draft.title)).toHaveCount(0);
  await expect(page.getByText('青山湖区青年美术作品巡展')).toBeVisible();
  const works = page.getByRole('region', { name: '作品展示' });
  const tile = works.getByRole('link', { name: new RegExp(SHOWCASE.shown.title) });
  await expect(tile).toBeVisible();
  await expect(tile).toContainText('欧**');
  await expect(works).not.toContainText(SHOWCASE.shown.name);
  await expect(works).not.toContainText(SHOWCASE.private.title);
  await expect(works.getByText(SHOWCASE.shown.note)).toBeVisible();
  // The thumbnail came from the checked file route and decoded.
  await expect
    .poll(() => tile.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(100);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await look(page, 'unit-375');

  await tile.click();
  await expect(page).toHaveURL(new RegExp(`/m/u/${SHOWCASE.code}/w/\\d+$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SHOWCASE.shown.title);
  const image = page.getByRole('img', { name: '作品图片 1' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  await expect(page.getByText(SHOWCASE.shown.note)).toBeVisible();
  await expect(page.locator('body')).not.toContainText(SHOWCASE.shown.name);
  await look(page, 'work-375');

  await page.goBack();
  const story = page
    .getByRole('region', { name: '青年故事' })
    .getByRole('link', { name: new RegExp(SHOWCASE.story.title) });
  await story.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SHOWCASE.story.title);
  await expect(page.getByText('两年里，他画了一百多张湖畔写生。', { exact: false })).toBeVisible();
  await expect
    .poll(() => page.locator('.pm-story-hero').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(100);
  await expect(page.getByRole('link', { name: '查看作品' })).toBeVisible();
  await look(page, 'story-375');

  await page.goto('/m/u/nope42');
  await expect(page.getByRole('heading', { name: '单位主页不存在' })).toBeVisible();
  await page.goto('/m/u/360123');
  await expect(page.getByRole('heading', { name: '这里还没有公开的内容' })).toBeVisible();
  await look(page, 'empty-375');
  await context.close();
});

test('a cadre shows a work on the unit page from the entry drawer, and takes it off', async ({
  page,
  browser,
}) => {
  await signIn(page, USERS.ncOperator);
  await page.goto('/calls');
  await page.getByRole('link', { name: SHOWCASE.finished.title, exact: true }).click();
  await page.getByRole('tab', { name: /作品与形式审查/ }).click();

  // Without publicity consent the switch is off and says why.
  await page
    .getByRole('row', { name: new RegExp(SHOWCASE.private.title) })
    .getByRole('button', { name: SHOWCASE.private.title })
    .click();
  let drawer = page.getByRole('dialog', { name: new RegExp(`《${SHOWCASE.private.title}》`) });
  await expect(drawer.getByText('不能展示：作者没有同意公开展示作品，不能展示。')).toBeVisible();
  await expect(drawer.getByRole('switch', { name: '展示到单位主页' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  await page
    .getByRole('row', { name: new RegExp(SHOWCASE.candidate.title) })
    .getByRole('button', { name: SHOWCASE.candidate.title })
    .click();
  drawer = page.getByRole('dialog', { name: new RegExp(`《${SHOWCASE.candidate.title}》`) });
  await drawer.getByRole('switch', { name: '展示到单位主页' }).click();
  const dialog = page.getByRole('dialog', { name: '展示到单位主页' });
  await dialog.getByLabel('推荐语（可不填）').fill('秋色层层叠叠，笔触自信。');
  await dialog.getByRole('button', { name: /^展\s*示$/ }).click();
  await expect(drawer.getByText('正在单位主页展示')).toBeVisible();
  await expect(drawer.getByText('推荐语：秋色层层叠叠，笔触自信。')).toBeVisible();
  await drawer.getByRole('heading', { name: '单位主页展示' }).scrollIntoViewIfNeeded();
  await settledShot(page, 'public-unit-drawer');
  await page.screenshot({ path: `${SHOTS}/drawer-1366.png` });

  const phone = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await phone.goto(`/m/u/${SHOWCASE.code}`);
  await expect(phone.getByRole('link', { name: new RegExp(SHOWCASE.candidate.title) })).toBeVisible();

  await drawer.getByRole('switch', { name: '展示到单位主页' }).click();
  await page
    .getByRole('dialog', { name: '从单位主页撤下这件作品？' })
    .getByRole('button', { name: /^撤\s*下$/ })
    .click();
  await expect(drawer.getByText('作者同意公开展示。', { exact: false })).toBeVisible();
  await phone.reload();
  await expect(phone.getByRole('link', { name: new RegExp(SHOWCASE.shown.title) })).toBeVisible();
  await expect(phone.getByRole('link', { name: new RegExp(SHOWCASE.candidate.title) })).toHaveCount(0);
  await phone.close();
});

test('the unit page link and poster from 招募页面', async ({ page }) => {
  await signIn(page, USERS.ncOperator);
  await page.goto('/signup-pages');
  await page.getByRole('button', { name: /单位主页/ }).hover();
  await page.getByRole('menuitem', { name: '下载海报' }).click();
  const poster = page.getByRole('dialog', { name: /下载海报：南昌市单位主页/ });
  await expect(poster.getByText(/二维码指向：.*\/m\/u\/360100/)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/poster-1366.png` });
});
