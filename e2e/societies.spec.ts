import { expect, test } from '@playwright/test';
import { shot, signIn, USERS } from './fixtures';
import { SOCIETY_FIXTURES } from './seed-societies';

const NAME = '豫章网文青年读书会';

test('a cadre registers an unregistered self-organisation led by a registry person, logs a support visit, adds a backbone and recommends them', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, USERS.ncOperator);
  await page.getByRole('menuitem', { name: '组织覆盖' }).click();
  await page.getByRole('menuitem', { name: '青年社团' }).click();
  await expect(page).toHaveURL(/\/societies$/);
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();

  await page.getByRole('button', { name: /登记社团/ }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('社团名称').fill(NAME);
  await form.getByLabel('新兴领域').click();
  await page.getByTitle('网络文学').click();
  await form.getByText('未注册青年自组织').click();
  // Registration fields belong to registered organisations only.
  await expect(form.getByLabel('统一社会信用代码')).toHaveCount(0);
  await form.getByLabel('成员数').fill('120');
  await form.getByLabel('活跃程度').click();
  await page.getByTitle('活跃', { exact: true }).click();
  await form.getByLabel('负责人（青年库）').click();
  await page.keyboard.type(SOCIETY_FIXTURES.leader.initials);
  await page.getByTitle(new RegExp(SOCIETY_FIXTURES.leader.name)).click();
  await expect(form.getByLabel('或填写姓名').first()).toBeDisabled();
  await form.getByRole('button', { name: '添加网络账号' }).click();
  await form.getByPlaceholder(/平台/).fill('微信公众号');
  await form.getByPlaceholder('账号名称').fill('豫章网文');
  await form.getByPlaceholder('粉丝数').fill('8600');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await shot(page, 'societies-register');
  await form.getByRole('button', { name: /确\s*定/ }).click();

  await expect(page).toHaveURL(/\/societies\/\d+$/);
  await expect(page.getByText(NAME).first()).toBeVisible();
  await expect(page.getByRole('link', { name: SOCIETY_FIXTURES.leader.name })).toBeVisible();
  await expect(page.getByText('从未联系')).toBeVisible();
  await expect(page.getByText('微信公众号：豫章网文（粉丝 8,600）')).toBeVisible();
  await shot(page, 'societies-detail');

  // A support visit moves 最近联系 to today.
  await page.getByRole('tab', { name: /联系与支持/ }).click();
  await page.getByRole('button', { name: /新增记录/ }).click();
  const contact = page.getByRole('dialog');
  await contact.getByLabel('方式').click();
  await page.getByTitle('场地支持').click();
  await contact.getByLabel('情况').fill('走访读书会，协调青年之家作为每月读书分享的固定场地');
  await contact.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByRole('tab', { name: '联系与支持（1）' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /协调青年之家/ })).toBeVisible();
  await shot(page, 'societies-contacts');

  // The leader is a backbone already; add another from the registry and recommend them.
  await page.getByRole('tab', { name: /骨干培养/ }).click();
  await expect(page.getByRole('cell', { name: '负责人' })).toBeVisible();
  await page.getByRole('button', { name: /添加骨干/ }).click();
  const backbone = page.getByRole('dialog');
  await backbone.getByLabel('人员').click();
  await page.keyboard.type(SOCIETY_FIXTURES.backbone.initials);
  await page.getByTitle(new RegExp(SOCIETY_FIXTURES.backbone.name)).click();
  await backbone.getByLabel('说明').fill('负责线上读书分享');
  await backbone.getByRole('button', { name: /确\s*定/ }).click();
  const row = page.getByRole('row', { name: new RegExp(SOCIETY_FIXTURES.backbone.name) });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: '举荐' }).click();
  const recommend = page.getByRole('dialog');
  // check() retries until the radio is on: a click during the dialog's opening animation can be lost.
  await recommend.getByRole('radio', { name: '青联委员', exact: true }).check();
  await recommend.getByLabel('说明').fill('推荐为市青联委员人选');
  await recommend.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText('待定')).toBeVisible();
  await page.getByRole('button', { name: '登记结果' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(page.getByText(/已采纳 · \d{4}-\d{2}-\d{2}/)).toBeVisible();
  await shot(page, 'societies-backbones');

  // 青联委员推荐名额 for the unregistered group.
  await page.getByRole('tab', { name: /青联委员推荐名额/ }).click();
  await page.getByRole('button', { name: /开放名额/ }).click();
  const seats = page.getByRole('dialog');
  await seats.getByLabel('名额').fill('2');
  await seats.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText('共开放 2 个青联委员推荐名额。')).toBeVisible();
  await shot(page, 'societies-nominations');

  // Back on the list: contacted today, so not among those silent for 30 days.
  await page.getByRole('link', { name: '青年社团' }).click();
  const listed = page.getByRole('row', { name: new RegExp(NAME) });
  await expect(listed).toContainText('未注册青年自组织');
  await expect(listed).toContainText(SOCIETY_FIXTURES.leader.name);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.ant-spin-blur')).toHaveCount(0);
  await shot(page, 'societies-list');
  await page.getByLabel('未联系').click();
  await page.getByTitle('超过 30 天').click();
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('row', { name: new RegExp(NAME) })).toHaveCount(0);
});
