import fs from 'node:fs';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { solveChallenge } from '../common/pow';
import { cadre, publishNotice, settledShot, signIn, USERS } from './fixtures';

const TITLE = '2026 年南昌市网络文艺青年招募';
type Person = { name: string; birthDate: string; phone: string; channel: string; place?: boolean };
const PEOPLE: Person[] = [
  { name: '招募青年甲', birthDate: '1998-05-12', phone: '13912340001', channel: '微信群', place: true },
  { name: '招募青年乙', birthDate: '2011-03-01', phone: '13912340002', channel: '海报' },
  { name: '招募青年丙', birthDate: '1996-10-20', phone: '13912340003', channel: '公众号' },
];

/** A young person's phone: the public API only, with the proof of work the page would solve. */
async function signUp(baseURL: string, slug: string, p: Person) {
  const api = await playwrightRequest.newContext({ baseURL });
  const page = await (await api.get(`/api/public/signup-pages/${slug}`)).json();
  let placeUnitId: number | undefined;
  if (p.place) {
    const level = async (parent: number | undefined, name: string) => {
      const { items } = await (
        await api.get(`/api/public/places${parent ? `?parent=${parent}` : ''}`)
      ).json();
      return (items as { id: number; name: string }[]).find((u) => u.name.includes(name))!.id;
    };
    placeUnitId = await level(await level(await level(undefined, '江西'), '南昌'), '东湖');
  }
  const { challenge, difficulty } = await (await api.get('/api/public/challenge')).json();
  const nonce = await solveChallenge(challenge, difficulty);
  const res = await api.post(`/api/public/signup-pages/${slug}/signups`, {
    data: {
      name: p.name,
      gender: 'female',
      birthDate: p.birthDate,
      phone: p.phone,
      placeUnitId,
      categoryId: page.categories[0]?.id,
      field: '网络文学',
      dream: '写出让更多年轻人喜欢的作品',
      channel: p.channel,
      noticeId: page.notice.id,
      consent: true,
      challenge,
      nonce,
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  await api.dispose();
}

async function openSignup(page: Page, name: string) {
  await page
    .getByRole('row', { name: new RegExp(name) })
    .getByRole('button', { name, exact: true })
    .click();
  const drawer = page.getByRole('dialog', { name: `${name} 的报名` });
  await expect(drawer.getByText('同意记录')).toBeVisible();
  return drawer;
}

test('a cadre opens a sign-up page, reviews what arrives, and downloads its poster', async ({
  page,
  baseURL,
}) => {
  const api = await cadre(baseURL!);
  const noticeVersion = await publishNotice(api);
  await api.dispose();
  await signIn(page, USERS.ncOperator);

  await page.goto('/signup-pages');
  await page.getByRole('button', { name: '新建招募页面' }).click();
  const create = page.getByRole('dialog', { name: '新建招募页面' });
  await create.getByLabel('页面标题').fill(TITLE);
  await create
    .getByLabel('招募说明')
    .fill('面向网络作家、自媒体人等新兴青年，欢迎报名参加培训、沙龙和结对活动。');
  await create.getByRole('button', { name: /保\s*存/ }).click();
  const row = page.getByRole('row', { name: new RegExp(TITLE) });
  await expect(row).toContainText('未发布');
  await row.getByRole('button', { name: '开放' }).click();
  await expect(row).toContainText('招募中');

  await row.getByRole('button', { name: '复制链接' }).click();
  const share = page.getByRole('dialog', { name: `复制链接：${TITLE}` });
  await share.getByLabel('渠道').fill('微信群');
  const link = new URL(await share.getByLabel('报名链接').inputValue());
  expect(link.searchParams.get('ch')).toBe('微信群');
  const slug = /^\/m\/s\/([a-z0-9]+)$/.exec(link.pathname)![1];
  await page.keyboard.press('Escape');
  await expect(share).toBeHidden();

  for (const p of PEOPLE) await signUp(baseURL!, slug, p);

  // Other specs sign people up on 南昌's pages too: this one counts only its own.
  // The form is filled once the first page of the list has come, so nothing resets the keyword.
  await page.goto('/signups');
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  const keyword = page.getByLabel('关键字');
  await keyword.fill('招募青年');
  await expect(keyword).toHaveValue('招募青年');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  for (const p of PEOPLE) await expect(page.getByRole('row', { name: new RegExp(p.name) })).toBeVisible();
  await expect(page.getByText('共 3 条')).toBeVisible();
  await expect(page.getByRole('row', { name: /招募青年乙/ })).toContainText('14–16');
  await expect(page.getByRole('row', { name: /招募青年甲/ })).toContainText('139****0001');
  await settledShot(page, 'signup-list');

  let drawer = await openSignup(page, '招募青年甲');
  await expect(drawer).toContainText('微信群');
  await expect(drawer).toContainText(`第 ${noticeVersion} 版`);
  await settledShot(page, 'signup-drawer');
  await drawer.getByText('IP（已匿名）').scrollIntoViewIfNeeded();
  await settledShot(page, 'signup-drawer-consents');
  await drawer.getByRole('button', { name: '通过入库' }).click();
  const accept = page.getByRole('dialog', { name: '通过并登记入青年库' });
  await accept.getByRole('checkbox', { name: '姓名' }).check();
  await accept.getByRole('checkbox', { name: '手机号' }).check();
  await settledShot(page, 'signup-accept');
  await accept.getByRole('button', { name: /确\s*定/ }).click();
  await expect(drawer.getByText(/已登记入青年库/)).toBeVisible();
  await expect(drawer.getByText('已核实')).toHaveCount(2);
  await settledShot(page, 'signup-drawer-accepted');
  await drawer.getByRole('link', { name: '打开青年记录' }).click();
  await expect(page).toHaveURL(/\/youth\/\d+$/);
  await expect(page.getByText('联系对象').first()).toBeVisible();
  await expect(page.getByRole('row', { name: /来源\s*线上招募/ })).toBeVisible();
  await page.getByRole('tab', { name: '时间线' }).click();
  const timeline = page.getByRole('tabpanel', { name: '时间线' });
  await expect(timeline.getByText(`线上报名审核通过入库：${TITLE}`)).toBeVisible();
  await expect(timeline.getByText(`线上报名：${TITLE}`)).toBeVisible();
  await expect(timeline.getByText('同意个人信息处理规则')).toBeVisible();
  await settledShot(page, 'signup-person-timeline');

  await page.goto('/signups');
  drawer = await openSignup(page, '招募青年乙');
  await drawer.getByRole('button', { name: '不通过' }).click();
  const decline = page.getByRole('dialog', { name: '不通过' });
  await decline.getByLabel('不通过原因').fill('未满 16 周岁，暂不纳入本次招募');
  await decline.getByRole('button', { name: '不通过' }).click();
  await expect(drawer.getByText('原因：未满 16 周岁，暂不纳入本次招募')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  for (const name of ['招募青年乙', '招募青年丙']) {
    await page
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('checkbox')
      .check();
  }
  await page.getByRole('button', { name: '批量通过' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  const refused = page.getByRole('dialog', { name: /批量通过：已处理 1 条，1 条未处理/ });
  await expect(refused).toContainText('招募青年乙');
  await settledShot(page, 'signup-batch-refused');
  await refused.getByRole('button', { name: '知道了' }).click();
  await expect(page.getByRole('row', { name: /招募青年丙/ })).toContainText('已入库');

  // The same phone as 甲, who is now in the registry: offered for merging, never accepted in bulk.
  await signUp(baseURL!, slug, {
    name: '招募青年丁',
    birthDate: '1998-05-12',
    phone: '13912340001',
    channel: '微信群',
  });
  await page.getByLabel('仅看重复').check();
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByText('共 1 条')).toBeVisible();
  await expect(page.getByRole('row', { name: /招募青年丁/ })).toContainText('重复');
  drawer = await openSignup(page, '招募青年丁');
  await expect(drawer).toContainText('手机号相同：招募青年甲');
  await settledShot(page, 'signup-drawer-duplicate');
  await drawer.getByRole('button', { name: '合并到此记录' }).click();
  const merge = page.getByRole('dialog', { name: '合并到已有记录' });
  await expect(merge.getByRole('radio', { name: /招募青年甲/ })).toBeChecked();
  await merge.getByRole('button', { name: /确\s*定/ }).click();
  await expect(drawer.getByText(/已合并到青年库中已有记录/)).toBeVisible();
  await page.keyboard.press('Escape');

  // 戊 lives in 东湖区: forwarded to that committee, where it waits for review.
  await signUp(baseURL!, slug, {
    name: '招募青年戊',
    birthDate: '2000-01-15',
    phone: '13912340005',
    channel: '朋友圈',
  });
  await page.getByLabel('仅看重复').uncheck();
  await page.getByRole('button', { name: /查\s*询/ }).click();
  drawer = await openSignup(page, '招募青年戊');
  await drawer.getByRole('button', { name: /转\s*交/ }).click();
  const forward = page.getByRole('dialog', { name: '转交其他团组织' });
  await forward.getByLabel('转交给').fill('东湖');
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: /^东湖区/ })
    .first()
    .click();
  await forward.getByLabel('转交原因').fill('本人居住在东湖区');
  await settledShot(page, 'signup-forward');
  await forward.getByRole('button', { name: /确\s*定/ }).click();
  await expect(forward).toBeHidden();
  await expect(drawer).toContainText('由南昌市转来');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('row', { name: /招募青年戊/ })).toContainText('东湖区');

  await page.goto('/youth');
  await page.getByLabel('关键字').fill('招募青年');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('row', { name: /招募青年甲/ })).toContainText('联系对象');
  await expect(page.getByRole('row', { name: /招募青年丙/ })).toContainText('联系对象');
  await expect(page.getByRole('row', { name: /招募青年乙/ })).toHaveCount(0);

  await page.goto('/signup-pages');
  const counted = page.getByRole('row', { name: new RegExp(TITLE) });
  await expect(counted).toContainText('微信群 2');
  await expect(counted).toContainText('公众号 1');
  await expect(counted).toContainText('已合并 1');
  await settledShot(page, 'signup-pages');
  await counted.getByRole('button', { name: '下载海报' }).click();
  const poster = page.getByRole('dialog', { name: `下载海报：${TITLE}` });
  await expect(poster.getByText(/二维码指向：.*ch=海报/)).toBeVisible();
  await settledShot(page, 'signup-poster-dialog');
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    poster.getByRole('button', { name: '下载 PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe(`招募海报-${TITLE}-海报.png`);
  const pngPath = 'e2e/.screenshots/signup-poster.png';
  await png.saveAs(pngPath);
  const bytes = fs.readFileSync(pngPath);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(50_000);
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    poster.getByRole('button', { name: '下载 PDF' }).click(),
  ]);
  const pdfPath = 'e2e/.screenshots/signup-poster.pdf';
  await pdf.saveAs(pdfPath);
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
});
