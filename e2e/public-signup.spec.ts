import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { cadre, fillAdult, publishNotice } from './fixtures';

/** Screenshots of the public site at the phone and the desktop size, looked at by a person. */
const SHOTS = process.env.ZM_PUBLIC_SHOTS ?? 'e2e/.screenshots/public';
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1366, height: 768 };

test.use({ viewport: PHONE });

async function shots(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}-375.png`, fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: `${SHOTS}/${name}-1366.png`, fullPage: true });
  await page.setViewportSize(PHONE);
}

/** The unit's notice published and a sign-up page opened; returns the page's public path. */
async function openSignupPage(api: Awaited<ReturnType<typeof cadre>>): Promise<string> {
  await publishNotice(api);
  const page = await api.post('/api/signup-pages', {
    title: '2026 年南昌市新兴青年线上招募',
    intro:
      '欢迎网络作家、自媒体人、独立音乐人等新兴领域青年报名。\n团市委将为报名青年提供培训、交流和展示机会。',
  });
  await api.patch(`/api/signup-pages/${page.id}`, { status: 'open', version: page.version });
  return page.path;
}

test('a young person signs up on a phone, keeps the receipt code and checks the progress', async ({
  page,
  baseURL,
}) => {
  const api = await cadre(baseURL!);
  const path = await openSignupPage(api);
  expect(path).toMatch(/^\/m\/s\/[a-z0-9]{6,32}$/);

  await page.goto('/m/s/nosuchpage1');
  await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();

  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) consoleErrors.push(m.text());
  });
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(`${path}?ch=wechat`);
  await expect(page.getByRole('heading', { name: '2026 年南昌市新兴青年线上招募' })).toBeVisible();
  await expect(page.getByText('发布单位：')).toBeVisible();
  expect(
    scripts.some((u) => /antd|echarts|router|zod/.test(u)),
    scripts.join('\n'),
  ).toBe(false);

  // A child without a guardian is stopped in the page, before anything is sent.
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  await page.getByLabel(/^姓名/).fill('小明');
  await page.getByLabel('出生日期').fill('2016-03-01');
  await expect(page.getByText(/年龄：\s*10 周岁/)).toBeVisible();
  await expect(page.getByRole('heading', { name: '监护人同意' })).toBeVisible();
  await page.getByLabel(/^手机号/).fill('13800138001');
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole('button', { name: '提交报名' }).click();
  const summary = page.locator('.pm-summary');
  await expect(summary).toContainText('不满 14 周岁须填写监护人姓名');
  await expect(page.getByLabel('监护人姓名')).toBeFocused();
  await expect(page.getByLabel('监护人姓名')).toHaveAttribute('aria-describedby', 'guardianName-error');
  expect(posts).toEqual([]);
  await page.getByRole('heading', { name: '监护人同意' }).scrollIntoViewIfNeeded();
  await shots(page, 'under-14');

  // 14–16: a note, no guardian block.
  await page.getByLabel('出生日期').fill('2011-06-01');
  await expect(page.getByText(/已满 14 周岁、不满 16 周岁/)).toBeVisible();
  await expect(page.getByRole('heading', { name: '监护人同意' })).toHaveCount(0);

  // The young adult's sign-up.
  await fillAdult(page);
  const category = page.getByLabel('群体类别');
  if (await category.count()) await category.selectOption({ index: 1 });
  await page.getByLabel('从事领域').fill('网络文学');
  await page.getByLabel('所在平台或单位').fill('起点中文网');
  await page.getByRole('button', { name: '＋ 添加作品链接' }).click();
  await page.getByLabel('第 1 个作品名称').fill('《赣江边的少年》');
  await page.getByLabel('第 1 个作品链接').fill('example.cn/book/1');
  await page.getByRole('button', { name: '＋ 添加作品链接' }).click();
  await page.getByRole('button', { name: '删除第 2 个链接' }).click();
  await page.getByLabel('我的梦想').fill('写一部让更多人了解南昌的小说。');
  await page.locator('summary').click();
  await expect(page.getByRole('heading', { name: /六、联系方式/ })).toBeVisible();
  await shots(page, 'form');

  await page.getByRole('button', { name: '提交报名' }).click();
  await expect(page.getByLabel('第 1 个作品链接')).toBeFocused();
  await expect(page.locator('#works-0-url-error')).toContainText('http');
  await page.getByLabel('第 1 个作品链接').fill('https://example.cn/book/1');
  await page.getByRole('button', { name: '提交报名' }).click();

  await expect(page.getByRole('heading', { name: '报名已提交' })).toBeVisible();
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  await expect(page.getByText('请截图保存此页。')).toBeVisible();
  await shots(page, 'receipt');

  // The progress, by receipt code typed the way people type it.
  await page.getByRole('link', { name: '查询报名进度' }).first().click();
  await expect(page).toHaveURL(/\/m\/r$/);
  await page.getByLabel('回执码').fill('abcd');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page.locator('#receiptCode-error')).toContainText('回执码格式不对');
  await page.getByLabel('回执码').fill(code.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page.getByRole('heading', { name: '报名进度' })).toBeVisible();
  await expect(page.getByText('待审核', { exact: true })).toBeVisible();
  await expect(page.getByText('林**', { exact: true })).toBeVisible();
  await shots(page, 'status');

  // An edit of one chosen field.
  await page.getByRole('button', { name: '修改报名信息' }).click();
  await page.getByLabel('从事领域', { exact: true }).check();
  await page.getByLabel('新的从事领域').fill('网络文学、有声书');
  await shots(page, 'status-edit');
  await page.getByRole('button', { name: '提交修改' }).click();
  await expect(page.getByText('修改已提交，团组织会复核修改的内容')).toBeVisible();

  // The cadre accepts it and verifies the name and the phone: those can no longer be changed.
  const found = await api.post('/api/signups/search', { keyword: '林晓雨' });
  expect(found.items).toHaveLength(1);
  expect(found.items[0]).toMatchObject({ channel: 'wechat', field: '网络文学、有声书', status: 'pending' });
  await api.post(`/api/signups/${found.items[0].id}/accept`, {
    version: found.items[0].version,
    verifiedFields: ['name', 'phone'],
  });
  await page.getByRole('button', { name: '查询其他回执码' }).click();
  await page.getByLabel('回执码').fill(code);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page.getByText('已入库', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '修改报名信息' }).click();
  await expect(page.getByLabel('手机号', { exact: true })).toBeDisabled();
  await expect(page.getByLabel('手机号', { exact: true })).toHaveAccessibleDescription('已核实，不能修改');
  await shots(page, 'status-locked');
  await page.getByRole('button', { name: '取消' }).click();

  // Withdrawal, after it has been explained.
  await page.getByRole('button', { name: '撤回同意', exact: true }).click();
  await expect(page.getByText(/会收到通知/)).toBeVisible();
  await page.getByRole('button', { name: '确认撤回' }).click();
  await expect(page.getByText('请先勾选确认')).toBeVisible();
  await page.getByLabel('我已了解上述后果，确认撤回同意').check();
  await shots(page, 'withdraw');
  await page.getByRole('button', { name: '确认撤回' }).click();
  await expect(page.getByText('已撤回同意', { exact: true })).toBeVisible();
  await expect(page.getByText(/您已撤回同意/)).toBeVisible();
  await expect(page.getByRole('button', { name: '修改报名信息' })).toHaveCount(0);

  // A page not open yet, and one that has closed.
  const later = await api.post('/api/signup-pages', {
    title: '2027 年南昌市新兴青年线上招募',
    opensAt: '2027-03-01T09:00:00+08:00',
  });
  await api.patch(`/api/signup-pages/${later.id}`, { status: 'open', version: later.version });
  await page.goto(later.path);
  await expect(page.getByRole('heading', { name: '报名尚未开始' })).toBeVisible();
  await expect(page.getByText('报名将于 2027年3月1日 09:00 开始，请届时再来。')).toBeVisible();
  const [current] = (await api.get('/api/signup-pages?pageSize=100')).items.filter(
    (p: { path: string }) => p.path === path,
  );
  await api.patch(`/api/signup-pages/${current.id}`, { status: 'closed', version: current.version });
  await page.goto(path);
  await expect(page.getByRole('heading', { name: '报名已结束' })).toBeVisible();
  await expect(page.getByRole('button', { name: '提交报名' })).toHaveCount(0);
  await api.dispose();
  // Nothing refused by the Content Security Policy, no script error on the way.
  expect(consoleErrors).toEqual([]);
});
