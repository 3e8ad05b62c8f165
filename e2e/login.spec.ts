import { expect, test } from '@playwright/test';
import { E2E_PASSWORD, fillLogin, shot, signIn, totpNow, USERS } from './fixtures';

test('a system administrator signs in with password and TOTP and sees real counts', async ({ page }) => {
  await page.goto('/login');
  await shot(page, 'login');
  await signIn(page, USERS.admin);
  await expect(page.getByText('共青团中央').first()).toBeVisible();
  await expect(page.getByText('重点联系城市').first()).toBeVisible();
  await expect(page.getByText('71').first()).toBeVisible();
  await shot(page, 'home');
});

test('a reviewer without TOTP must enrol before entering', async ({ page }) => {
  await fillLogin(page, USERS.enrol.username);
  const secret = page.getByTestId('totp-secret');
  await expect(secret).toBeVisible();
  await shot(page, 'totp-enrol');
  const text = (await secret.innerText()).replace(/\s/g, '');
  await page
    .locator('input#code, input[name="code"]')
    .first()
    .fill(await totpNow(text));
  await page.getByRole('button', { name: /启\s*用|确\s*定|验\s*证/ }).click();
  await expect(page.getByRole('menu')).toBeVisible();
});

test('five wrong passwords lock the account with a clear message', async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await fillLogin(page, USERS.lockme.username, 'Wrong#Passw0rd');
    await expect(page.getByRole('alert')).toContainText(/用户名或密码错误|锁定/);
  }
  await fillLogin(page, USERS.lockme.username, E2E_PASSWORD);
  await expect(page.getByRole('alert')).toContainText('锁定');
  await shot(page, 'lockout');
});
