import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { settledShot, signIn, USERS } from './fixtures';
import { AWARDS } from './seed-awards';

const SHOTS = '/tmp/shots/awards';
fs.mkdirSync(SHOTS, { recursive: true });

async function look(page: Page, name: string) {
  await settledShot(page, `awards-${name}`);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function openCall(page: Page, title: string, tab: string) {
  await page.goto('/calls');
  await page.getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('tab', { name: tab }).click();
}

async function phone(browser: Browser) {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

/** How many pages a PDF has: one /Type /Page object each (jsPDF writes them uncompressed). */
const pdfPages = (bytes: Buffer) => bytes.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

test.describe.configure({ mode: 'serial' });

test('awards: proposal, 公示 with an objection, confirmation, certificates, verification, recommendation', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.dhOperator);

  // 1. The county organiser takes the ranking's proposal and starts 公示.
  await openCall(page, AWARDS.county.title, '评奖与公示');
  await expect(page.getByRole('row', { name: /赣江晨曦/ })).toBeVisible();
  await expect(page.getByText('并列').first()).toBeVisible();
  await page.getByRole('button', { name: '按排名填入建议' }).click();
  await page.getByRole('button', { name: '保存奖项' }).click();
  await expect(page.getByText('奖项已保存')).toBeVisible();
  await page.getByRole('button', { name: '开始公示' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '开始公示' }).click();
  await expect(page.getByText('公示中', { exact: true })).toBeVisible();
  await expect(page.getByText(`/m/c/${AWARDS.county.slug}/results`)).toBeVisible();
  await look(page, '01-publicity-started');

  // 2. A visitor on a phone reads the 公示 and raises an objection.
  const visitor = await phone(browser);
  await visitor.goto(`/m/c/${AWARDS.county.slug}/results`);
  await expect(visitor.getByRole('heading', { name: /获奖结果公示/ })).toBeVisible();
  await expect(visitor.getByText('赣江晨曦')).toBeVisible();
  await expect(visitor.getByText(/陈\*\*/)).toBeVisible();
  await expect(visitor.getByText('陈思远')).toHaveCount(0);
  // 老街记忆 has no publicity consent: only its number shows.
  await expect(visitor.getByText('老街记忆')).toHaveCount(0);
  await expect(visitor.getByText('作品 0003', { exact: true })).toBeVisible();
  await look(visitor, '02-results-375');
  await visitor.getByLabel('针对的作品').selectOption({ label: '作品 0002 二等奖' });
  await visitor.getByLabel('异议内容').fill('该作品与网上已发表的一幅摄影作品构图高度相似，请核实原创性。');
  await visitor.getByLabel('联系人').fill('王先生');
  await visitor.getByLabel('联系电话').fill('13907910001');
  // The contact is personal information: the unit's notice is shown and agreed to first.
  await visitor.getByRole('button', { name: '提交异议' }).click();
  await expect(visitor.getByText('请阅读并同意个人信息处理规则')).toBeVisible();
  await visitor.locator('.pm-notice summary').click();
  await expect(visitor.getByText('一、个人信息处理者')).toBeVisible();
  await look(visitor, '02b-objection-consent-375');
  await visitor.getByLabel(/我已阅读并同意/).check();
  await visitor.getByRole('button', { name: '提交异议' }).click();
  await expect(visitor.getByText('异议已提交')).toBeVisible({ timeout: 30_000 });
  await look(visitor, '03-objection-sent-375');
  await visitor.reload();
  await expect(visitor.getByText('构图高度相似')).toHaveCount(0);

  // 3. The organiser answers it.
  await page.reload();
  await expect(page.getByText('构图高度相似')).toBeVisible();
  await expect(page.getByText('13907910001')).toBeVisible();
  await page.getByRole('button', { name: /^答\s*复$/ }).click();
  const answer = page.getByRole('dialog', { name: '答复异议' });
  await answer
    .getByLabel('答复意见')
    .fill('经评审委员会复核比对，构图相似属题材常见表现，不构成抄袭，异议不成立。');
  await answer.getByRole('button', { name: '提交答复' }).click();
  await expect(page.getByText('异议不成立', { exact: true })).toBeVisible();
  await look(page, '04-objection-answered');

  // 4. A call whose 公示 window is over: confirm, then the certificates.
  await openCall(page, AWARDS.ended.title, '评奖与公示');
  await expect(page.getByText('公示期满，待确认')).toBeVisible();
  await page.getByRole('button', { name: '确认结果' }).click();
  await expect(page.getByText('结果已确认，证书编号已生成')).toBeVisible();
  const first = page.getByRole('row', { name: /瓷都印象/ });
  const code = (await first.locator('code').innerText()).trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await look(page, '05-confirmed');

  const [all] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: '下载全部证书' }).click(),
  ]);
  const allBytes = fs.readFileSync((await all.path())!);
  expect(allBytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfPages(allBytes)).toBe(3);
  fs.copyFileSync((await all.path())!, `${SHOTS}/certificates-all.pdf`);
  const [one] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    first.getByRole('button', { name: /^下\s*载$/ }).click(),
  ]);
  const oneBytes = fs.readFileSync((await one.path())!);
  expect(oneBytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfPages(oneBytes)).toBe(1);

  // 5. Anyone checks the code from the certificate's QR code, or types one in.
  await visitor.goto(`/m/v/${code}`);
  await expect(visitor.getByText('证书真实有效')).toBeVisible();
  await expect(visitor.getByText('王**')).toBeVisible();
  await expect(visitor.getByText('王子墨')).toHaveCount(0);
  await expect(visitor.getByText(AWARDS.ended.title)).toBeVisible();
  await expect(visitor.getByText('共青团东湖区委员会')).toBeVisible();
  await look(visitor, '06-verified-375');
  await visitor.goto('/m/v');
  await visitor.getByLabel('证书编号').fill('ZZZZ-ZZZZ-ZZZZ');
  await visitor.getByRole('button', { name: '核验' }).click();
  await expect(visitor.getByText(/未查到该证书编号/)).toBeVisible();
  await look(visitor, '07-not-found-375');

  // 6. Recommend the top two to the city's call; a third is over the quota.
  await page.getByRole('tab', { name: '向上推荐' }).click();
  await expect(page.getByText(`南昌市 · ${AWARDS.city.title}`)).toBeVisible();
  await page.getByLabel('推荐说明').fill('区级展评一、二等奖');
  await page.getByRole('button', { name: '推荐选中的 2 件' }).click();
  await expect(page.getByText('已推荐到上级征集')).toBeVisible();
  await expect(page.getByText('2 件 / 0 件')).toBeVisible();
  await page.getByRole('checkbox', { name: '选择 作品 0003' }).check();
  await page.getByRole('button', { name: '推荐选中的 1 件' }).click();
  await expect(page.getByText(/推荐名额为 2 件/)).toBeVisible();
  await look(page, '08-recommended');

  // 7. The city's organiser sees them as recommended from 东湖区, with the county's score and award.
  const cityContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const city = await cityContext.newPage();
  await signIn(city, USERS.ncOperator);
  await openCall(city, AWARDS.city.title, '向上推荐');
  await expect(city.getByText(`东湖区 · ${AWARDS.ended.title}`)).toBeVisible();
  await expect(city.getByText('名额 2 件，已推荐 2 件')).toBeVisible();
  await expect(city.getByRole('row', { name: /瓷都印象/ })).toContainText('东湖区：94.00 分，一等奖');
  await expect(city.getByRole('row', { name: /鄱湖候鸟/ })).toContainText('东湖经办 推荐');
  await look(city, '09-city-received');
});
