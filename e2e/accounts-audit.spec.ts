import { expect, test } from '@playwright/test';
import { shot, signIn, USERS } from './fixtures';

test('a provincial unit admin creates an account in its subtree; the new login shows in the audit log', async ({
  page,
  browser,
}) => {
  await signIn(page, USERS.jxAdmin);
  await page.getByRole('menuitem', { name: '账号管理' }).click();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  await page.getByRole('button', { name: /新增账号/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill('nc_worker1');
  await dialog.getByLabel('姓名').fill('李晓梅');
  await dialog.getByLabel('角色').click();
  await page.getByTitle('经办').click();
  await dialog.getByLabel('所属单位').click();
  await page.keyboard.type('南昌');
  await page.getByTitle('南昌市', { exact: true }).first().click();
  await shot(page, 'accounts-create');
  await dialog.getByRole('button', { name: /确\s*定|保\s*存|创\s*建/ }).click();
  const initial = page.getByTestId('initial-password');
  await expect(initial).toBeVisible();
  const password = (await initial.innerText()).trim();
  await shot(page, 'accounts-initial-password');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('cell', { name: 'nc_worker1' })).toBeVisible();

  // The new account signs in (first login: must set its own password).
  const other = await browser.newPage();
  await other.goto('/login');
  await other.locator('input#username').fill('nc_worker1');
  await other.locator('input#password').fill(password);
  await other.getByRole('button', { name: /登\s*录/ }).click();
  const fresh = 'Nc#Worker2026';
  await other.getByLabel('当前密码').fill(password);
  await other.getByLabel('新密码', { exact: true }).fill(fresh);
  await other.getByLabel('确认新密码').fill(fresh);
  await other.getByRole('button', { name: /确\s*定|修\s*改|保\s*存/ }).click();
  await expect(other.getByRole('menu')).toBeVisible();
  await other.close();

  // The province resets it; at the next sign-in its owner reads who did it and when.
  await page
    .getByRole('row', { name: /nc_worker1/ })
    .getByRole('button', { name: '重置密码' })
    .click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  const reset = page.getByTestId('initial-password');
  await expect(reset).toBeVisible();
  const oneTime = (await reset.innerText()).trim();
  await page.keyboard.press('Escape');
  const owner = await browser.newPage();
  await owner.goto('/login');
  await owner.locator('input#username').fill('nc_worker1');
  await owner.locator('input#password').fill(oneTime);
  await owner.getByRole('button', { name: /登\s*录/ }).click();
  const notice = owner.getByTestId('reset-notice');
  await expect(notice).toContainText(/您的密码已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 由 .*江西省.* 重置。/);
  await expect(notice).toContainText('如非您本人申请，请立即联系上级管理员。');
  await shot(owner, 'accounts-reset-notice');
  await owner.close();

  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.getByLabel('用户').fill('nc_worker1');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('cell', { name: '登录', exact: true }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '南昌市' }).first()).toBeVisible();
  await shot(page, 'audit');
});
