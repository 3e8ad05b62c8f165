import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { shot, signIn, USERS } from './fixtures';
import { MENTOR_FIXTURES } from './seed-mentors';

/** A small but real PDF (one blank page): the signed 指导协议. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

test('a cadre registers a mentor with an account and pairs them under an agreement; the mentor logs guidance for exactly their mentee', async ({
  page,
  browser,
}) => {
  await signIn(page, USERS.jxAdmin);
  await page.getByRole('menuitem', { name: '梦想导师' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  await page.getByRole('button', { name: /登记导师/ }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('姓名').fill('许青岚');
  await form.getByLabel('导师来源').click();
  await page.getByTitle('作协会员').click();
  await form.getByLabel('专业特长').fill('网络文学创作');
  await form.getByLabel('工作单位').fill('江西省作家协会');
  await form.getByLabel('职务职称').fill('副主席');
  await form.getByLabel('手机号').fill('13912345678');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await shot(page, 'mentors-register');
  await form.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page).toHaveURL(/\/mentors\/\d+$/);
  await expect(page.getByText('139****5678')).toBeVisible();
  await expect(page.getByText('13912345678')).toBeHidden();

  // The mentor's own account: a one-time password, shown once.
  await page.getByRole('button', { name: /开通导师账号/ }).click();
  const account = page.getByRole('dialog');
  await account.getByLabel('用户名').fill('mentor_xu');
  await account.getByRole('button', { name: /确\s*定/ }).click();
  const initial = page.getByTestId('initial-password');
  await expect(initial).toBeVisible();
  const password = (await initial.innerText()).trim();
  await page.getByRole('button', { name: /我已记下/ }).click();
  await expect(page.getByText('mentor_xu')).toBeVisible();
  await shot(page, 'mentors-detail');

  // Pair with a key target: only key targets are offered.
  await page.getByRole('button', { name: /新建结对/ }).click();
  const pairing = page.getByRole('dialog');
  await pairing.getByLabel('培养对象（重点培养对象）').click();
  await page.keyboard.type('zlx');
  await expect(page.getByText('没有匹配的重点培养对象')).toBeVisible();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('lmx');
  await page.getByTitle(new RegExp(MENTOR_FIXTURES.mentee)).click();
  await shot(page, 'mentors-pairing-new');
  await pairing.getByRole('button', { name: /保存为拟结对/ }).click();
  await expect(page).toHaveURL(/\/mentors\/pairings\/\d+$/);
  await expect(page.locator('.ant-tag', { hasText: '拟结对' })).toBeVisible();

  await page.locator('input[type="file"]').setInputFiles({
    name: '梦想导师指导协议.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await expect(page.getByText('已上传指导协议：梦想导师指导协议.pdf')).toBeVisible();
  await page.getByRole('button', { name: /签订协议/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(page.getByText('已签约', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: /开始指导/ }).click();
  await expect(page.getByText('指导中', { exact: true }).first()).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.locator('a', { hasText: '梦想导师指导协议.pdf' }).click();
  const file = await downloading;
  expect(fs.readFileSync(await file.path()).equals(PDF)).toBe(true);
  await shot(page, 'mentors-pairing');

  // The mentor signs in: straight to 我的结对, one menu entry, exactly one mentee.
  const mentor = await browser.newPage();
  await mentor.goto('/login');
  await mentor.locator('input#username').fill('mentor_xu');
  await mentor.locator('input#password').fill(password);
  await mentor.getByRole('button', { name: /登\s*录/ }).click();
  const fresh = 'Xu#Mentor2026';
  await mentor.getByLabel('当前密码').fill(password);
  await mentor.getByLabel('新密码', { exact: true }).fill(fresh);
  await mentor.getByLabel('确认新密码').fill(fresh);
  await mentor.getByRole('button', { name: /确\s*定|修\s*改|保\s*存/ }).click();
  await expect(mentor.getByRole('menu')).toBeVisible();
  await expect(mentor).toHaveURL(/\/my-mentees$/);
  await expect(mentor.getByRole('menuitem')).toHaveCount(1);
  await expect(mentor.getByRole('menuitem', { name: '我的结对' })).toBeVisible();
  await expect(mentor.getByText(MENTOR_FIXTURES.mentee)).toBeVisible();
  await expect(mentor.getByText(MENTOR_FIXTURES.otherMentee)).toBeHidden();
  await shot(mentor, 'mentors-workspace');

  await mentor.getByRole('link', { name: MENTOR_FIXTURES.mentee }).click();
  await mentor.getByRole('button', { name: /填写指导记录/ }).click();
  const log = mentor.getByRole('dialog');
  await log.getByLabel('指导方式').click();
  await mentor.getByTitle('作品点评').click();
  await log.getByLabel('指导内容').fill('点评了中篇小说初稿的结构与人物塑造，建议压缩开篇。');
  await log.getByLabel('下一步计划').fill('两周内提交修改稿');
  await shot(mentor, 'mentors-log');
  await log.getByRole('button', { name: /确\s*定/ }).click();
  await expect(mentor.getByText('已保存指导记录')).toBeVisible();
  await expect(mentor.getByText('点评了中篇小说初稿的结构与人物塑造，建议压缩开篇。')).toBeVisible();
  await expect(mentor.getByText('导师本人填写')).toBeVisible();
  await shot(mentor, 'mentors-workspace-pairing');

  // Nothing else is open to the mentor.
  await mentor.goto('/youth');
  await expect(mentor.getByText('无权访问')).toBeVisible();
  await mentor.goto('/mentors');
  await expect(mentor.getByText('无权访问')).toBeVisible();
  await mentor.close();

  // The cadre sees the mentor's log, the 导师团 and the attention list.
  await page.reload();
  await expect(page.getByText('导师本人填写')).toBeVisible();
  await page.getByRole('menuitem', { name: '梦想导师' }).click();
  await page.getByText('梦想导师团', { exact: true }).click();
  await expect(page.getByRole('cell', { name: '许青岚' }).first()).toBeVisible();
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await shot(page, 'mentors-team');
  const exporting = page.waitForEvent('download');
  await page.getByRole('button', { name: /导\s*出/ }).click();
  expect((await exporting).suggestedFilename()).toMatch(/梦想导师团.*\.xlsx$/);
  await page.getByText('需关注', { exact: true }).click();
  await expect(page.getByRole('link', { name: new RegExp(MENTOR_FIXTURES.otherMentee) })).toBeVisible();
  await expect(page.getByText('45 天')).toBeVisible();
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await shot(page, 'mentors-attention');
  await page.getByText('结对管理', { exact: true }).click();
  await expect(page.getByRole('link', { name: MENTOR_FIXTURES.mentee })).toBeVisible();
  await shot(page, 'mentors-pairings');
});
