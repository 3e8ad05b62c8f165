import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { settledShot, signIn, USERS } from './fixtures';
import { AWARDS } from './seed-awards';

const SHOTS = '/tmp/shots/events-tours';
fs.mkdirSync(SHOTS, { recursive: true });

async function look(page: Page, name: string) {
  await settledShot(page, `events-tours-${name}`);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('an operator creates a 巡展 for a call with two works and 观众人次, then finds it on the call’s 巡演巡展 tab', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, USERS.dhOperator);
  await page.goto('/calls');
  await page.getByRole('link', { name: AWARDS.ended.title, exact: true }).click();
  await page.getByRole('tab', { name: '巡演巡展' }).click();
  await expect(page).toHaveURL(/\/calls\/\d+\/events$/);
  const callUrl = page.url();
  await expect(page.getByText('尚无展演本征集作品的活动')).toBeVisible();

  await page.getByRole('button', { name: /新建巡演巡展/ }).click();
  const dialog = page.getByRole('dialog', { name: '新建活动' });
  await expect(dialog.getByText(AWARDS.ended.title)).toBeVisible();
  await dialog.getByLabel('活动名称').fill('青年书画作品进社区巡展（第一站）');
  await dialog.getByLabel('活动日期').fill('2026-05-20');
  await dialog.getByLabel('活动日期').press('Tab');
  await dialog.getByLabel('地点').fill('东湖区文化馆一楼展厅');
  await dialog.getByLabel('展演作品').click();
  for (const title of ['瓷都印象', '鄱湖候鸟']) {
    await page.locator('.ant-select-item-option', { hasText: title }).click();
  }
  await dialog.getByText('新建活动', { exact: true }).click();
  await dialog.getByLabel('观众人次').fill('260');
  await dialog.getByRole('switch', { name: '在单位主页公布' }).click();
  await look(page, 'create');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();

  await expect(page).toHaveURL(/\/events\/\d+$/);
  await expect(page.getByRole('tab', { name: '展演作品（2）' })).toBeVisible();
  await expect(page.getByText('260 人次')).toBeVisible();
  await expect(page.getByRole('cell', { name: '瓷都印象' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '鄱湖候鸟' })).toBeVisible();
  await expect(page.getByText('已在单位主页公布')).toBeVisible();
  await look(page, 'event');

  await page.goto(callUrl);
  const row = page.getByRole('row', { name: /青年书画作品进社区巡展（第一站）/ });
  await expect(row).toContainText('巡展');
  await expect(row).toContainText('2026-05-20');
  await expect(row).toContainText('东湖区文化馆一楼展厅');
  await expect(row).toContainText('2 件');
  await expect(row).toContainText('260');
  await expect(page.getByTestId('call-events-totals')).toContainText('观众 260 人次');
  await look(page, 'call-tab');

  await page.goto('/events');
  await expect(page.getByTestId('event-totals')).toContainText('观众 260 人次');
  await look(page, 'list');
});
