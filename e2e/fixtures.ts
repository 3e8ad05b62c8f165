import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, type Locator, type Page } from '@playwright/test';
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
  dhOperator: { username: 'e2e_dh_operator' },
  judgeA: { username: 'e2e_judge_a' },
  judgeB: { username: 'e2e_judge_b' },
  judgeC: { username: 'e2e_judge_c' },
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

/** An API session of 南昌's operator, for what a cadre does elsewhere first; every change must succeed. */
export async function cadre(baseURL: string) {
  const api = await playwrightRequest.newContext({ baseURL });
  const me = await (
    await api.post('/api/auth/login', {
      data: { username: USERS.ncOperator.username, password: E2E_PASSWORD },
    })
  ).json();
  const headers = { 'X-CSRF-Token': me.csrfToken as string };
  const send = async (method: 'post' | 'patch', url: string, data: object) => {
    const res = await api[method](url, { data, headers });
    expect(res.ok(), await res.text()).toBe(true);
    return res.json();
  };
  return {
    get: async (url: string) => (await api.get(url)).json(),
    post: (url: string, data: object) => send('post', url, data),
    patch: (url: string, data: object) => send('patch', url, data),
    dispose: () => api.dispose(),
  };
}

/** 南昌's privacy notice published (nothing public opens without one); returns its version. */
export async function publishNotice(api: Awaited<ReturnType<typeof cadre>>): Promise<number> {
  const { template } = await api.get('/api/privacy-notices');
  // The template's blanks, in the order they come: the unit's phone, then its address.
  const blanks = ['0791-86830000', '南昌市红谷滩区丰和中大道 1 号'];
  const sections = Object.fromEntries(
    Object.entries(template as Record<string, string>).map(([k, v]) => [
      k,
      v.replace(/【请填写】/g, () => blanks.shift() ?? '0791-86830000'),
    ]),
  );
  const { version } = await api.post('/api/privacy-notices', {
    title: '共青团南昌市委员会个人信息处理规则',
    sections,
  });
  return version;
}

/** The public forms' adult, 林晓雨, filled into a form or one entrant's group of it. */
export async function fillAdult(form: Page | Locator) {
  await form.getByLabel(/^姓名/).fill('林晓雨');
  await form.getByLabel('女', { exact: true }).check();
  await form.getByLabel('出生日期').fill('1998-09-12');
  await expect(form.getByText(/年龄：\s*28 周岁/)).toBeVisible();
  await form.getByLabel(/^手机号/).fill('13907910000');
  await form.getByLabel('省份').selectOption({ label: '江西省' });
  await form.getByLabel('城市').selectOption({ label: '南昌市' });
  await form.getByLabel('区县').selectOption({ index: 1 });
}
