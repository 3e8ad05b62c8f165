import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { generate } from 'otplib';

/** Accounts the global setup creates before the server starts (see global-setup.ts). */
export const E2E_PASSWORD = 'Zhumeng#E2e2026';
export const USERS = {
  admin: { username: 'e2e_admin', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
  jxAdmin: { username: 'e2e_jx_admin', totpSecret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' },
  hzAdmin: { username: 'e2e_hz_admin', totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
  ncOperator: { username: 'e2e_nc_operator' },
  ncReviewer: { username: 'e2e_nc_reviewer', totpSecret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' },
  lockme: { username: 'e2e_lockme' },
  enrol: { username: 'e2e_enrol' },
} as const;

/** The step each secret last gave a code for, shared by every spec of the run (the server takes a code once). */
const STEPS_FILE = path.join(os.tmpdir(), `zm-e2e-totp-steps-${process.env.E2E_PORT ?? 3210}.json`);

/**
 * The authenticator's code for the earliest step not used yet in this run: the current step or the
 * next (the server allows one step of drift), else wait for the clock as a person would.
 */
export async function totpNow(secret: string): Promise<string> {
  const used: Record<string, number> = fs.existsSync(STEPS_FILE)
    ? JSON.parse(fs.readFileSync(STEPS_FILE, 'utf8'))
    : {};
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, (used[secret] ?? 0) + 1);
  if (step > now + 1) await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 500));
  fs.writeFileSync(STEPS_FILE, JSON.stringify({ ...used, [secret]: step }));
  return generate({ secret, epoch: step * 30 });
}

export async function fillLogin(page: Page, username: string, password = E2E_PASSWORD) {
  await page.goto('/login');
  await page.locator('input#username, input[name="username"]').first().fill(username);
  await page.locator('input#password, input[name="password"]').first().fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Password then, when the account has TOTP, the six-digit code; ends on the signed-in shell. */
export async function signIn(page: Page, user: { username: string; totpSecret?: string }) {
  await fillLogin(page, user.username);
  if (user.totpSecret) {
    const code = page.locator('input#code, input[name="code"]').first();
    await expect(code).toBeVisible();
    await code.fill(await totpNow(user.totpSecret));
    await page.getByRole('button', { name: /验\s*证|确\s*定|登\s*录/ }).click();
  }
  await expect(page.getByRole('menu')).toBeVisible();
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/.screenshots/${name}.png`, fullPage: false });
}

/** A screenshot once loading has finished and the animations (dialogs, messages) have ended. */
export async function settledShot(page: Page, name: string) {
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await page.waitForTimeout(600);
  await shot(page, name);
}

/**
 * Types into a 从青年库添加 dialog's search and waits for the filtered rows. The search is
 * debounced and the table keeps the previous rows while it fetches, so a tick made before the
 * answer arrives lands on the loading overlay and is lost.
 */
export async function searchRegistry(page: Page, dialog: Locator, text: string) {
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/api/youth/search') && r.request().postDataJSON()?.q === text,
  );
  await dialog.getByLabel('查找青年').fill(text);
  await answered;
  await expect(dialog.locator('.ant-spin-spinning')).toHaveCount(0);
}
