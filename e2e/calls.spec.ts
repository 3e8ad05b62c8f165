import fs from 'node:fs';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { RESUMABLE_UPLOADS_PATH } from '../common/contracts/calls-public';
import { solveChallenge } from '../common/pow';
import { cadre, publishNotice, settledShot, signIn, USERS } from './fixtures';

const TITLE = '2026 年南昌市青年书法摄影作品征集';
const SHOTS = '/tmp/shots/E';
type Entry = { title: string; name: string; birthDate: string; phone: string; channel: string };
const ENTRIES: Entry[] = [
  {
    title: '行书·滕王阁序',
    name: '征集青年甲',
    birthDate: '1998-05-12',
    phone: '13912350001',
    channel: '微信群',
  },
  { title: '赣江晨光', name: '征集青年乙', birthDate: '2011-03-01', phone: '13912350002', channel: '海报' },
];

/** A young person's phone: the public API only, uploading a real image and solving each proof of work. */
async function submitWork(baseURL: string, slug: string, e: Entry, image: Buffer) {
  const api = await playwrightRequest.newContext({ baseURL });
  const pow = async () => {
    const { challenge, difficulty } = await (await api.get('/api/public/challenge')).json();
    return { challenge, nonce: await solveChallenge(challenge, difficulty) };
  };
  const callInfo = await (await api.get(`/api/public/calls/${slug}`)).json();
  // The file as the public site sends it: a resumable (tus) upload, created, sent, finished.
  const tus = { 'tus-resumable': '1.0.0' };
  const metadata = Object.entries({
    slug,
    categoryKey: 'calligraphy',
    filename: `${e.name}的作品.png`,
    ...(await pow()),
  })
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');
  const created = await api.post(RESUMABLE_UPLOADS_PATH, {
    headers: { ...tus, 'upload-length': String(image.length), 'upload-metadata': metadata },
  });
  expect(created.status(), await created.text()).toBe(201);
  const location = created.headers()['location'];
  const sent = await api.patch(location, {
    headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    data: image,
  });
  expect(sent.status(), await sent.text()).toBe(204);
  const up = await api.post(`${location}/finish`);
  expect(up.ok(), await up.text()).toBe(true);
  const { token } = await up.json();
  const res = await api.post(`/api/public/calls/${slug}/works`, {
    data: {
      title: e.title,
      categoryKey: 'calligraphy',
      description: '以传统笔墨表现家乡风物',
      entrants: [{ name: e.name, gender: 'female', birthDate: e.birthDate, phone: e.phone }],
      files: [token],
      originality: true,
      publicityConsent: true,
      noticeId: callInfo.notice.id,
      consent: true,
      channel: e.channel,
      ...(await pow()),
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  await api.dispose();
}

async function snap(page: Page, name: string) {
  await settledShot(page, `calls-${name}`);
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.copyFileSync(`e2e/.screenshots/calls-${name}.png`, `${SHOTS}/${name}.png`);
}

test('a cadre opens a call, publishes and shares it, and reviews the works that arrive', async ({
  page,
  baseURL,
}) => {
  // Four proofs of work, an A4 poster drawn in the browser and two uploads: more than the default minute.
  test.setTimeout(150_000);
  const api = await cadre(baseURL!);
  await publishNotice(api);
  await api.dispose();
  await signIn(page, USERS.ncOperator);

  await page.getByRole('menuitem', { name: '作品征集' }).click();
  await expect(page).toHaveURL(/\/calls$/);
  await page.getByRole('button', { name: '新建征集' }).click();
  const editor = page.getByRole('dialog', { name: '新建作品征集' });
  await editor.getByLabel('征集标题').fill(TITLE);
  await editor.getByLabel('征集主题').fill('用笔墨和镜头记录新时代青年眼中的家乡');
  await editor.getByLabel('最小年龄（周岁）').fill('14');
  await expect(editor.getByText('还没有作品类别')).toBeVisible();
  await editor.getByText('书法', { exact: true }).click();
  await editor.getByText('摄影', { exact: true }).click();
  await expect(editor.getByLabel('类别1名称')).toHaveValue('书法');
  await expect(editor.getByLabel('类别2名称')).toHaveValue('摄影');
  await editor.getByLabel('征集规则').fill('一、每人限投一件作品。\n二、作品须为本人原创。');

  // The rubric's weights must add up to 100: 20 + 40 + 30 is refused, in Chinese, before anything is sent.
  await editor.getByLabel('评分项1权重').fill('20');
  await expect(editor.getByText('权重合计 90，须为 100')).toBeVisible();
  await editor.getByRole('button', { name: /保\s*存/ }).click();
  await expect(editor.getByText('评分项权重合计应为 100，现为 90')).toBeVisible();
  await snap(page, 'editor');
  await editor.getByLabel('评分项1权重').fill('30');
  await expect(editor.getByText('权重合计 100')).toBeVisible();
  await editor.getByRole('button', { name: /保\s*存/ }).click();

  await expect(page).toHaveURL(/\/calls\/\d+$/);
  const callId = Number(/\/calls\/(\d+)$/.exec(page.url())![1]);
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
  await expect(page.getByText('未发布').first()).toBeVisible();
  await page.getByRole('button', { name: /^发\s*布$/ }).click();
  await page
    .getByRole('dialog', { name: `发布“${TITLE}”？` })
    .getByRole('button', { name: /^发\s*布$/ })
    .click();
  await expect(page.getByText('征集中').first()).toBeVisible();
  await snap(page, 'call-info');

  await page.getByRole('button', { name: '复制链接' }).click();
  const share = page.getByRole('dialog', { name: `复制链接：${TITLE}` });
  await share.getByLabel('渠道').fill('微信群');
  const link = new URL(await share.getByLabel('投稿链接').inputValue());
  expect(link.searchParams.get('ch')).toBe('微信群');
  const slug = /^\/m\/c\/([a-z0-9]+)$/.exec(link.pathname)![1];
  await share.getByRole('button', { name: /复\s*制$/ }).click();
  await expect(page.getByText(/链接已复制|请选中链接后按 Ctrl\+C 复制/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(share).toBeHidden();

  await page.getByRole('button', { name: '下载海报' }).click();
  const poster = page.getByRole('dialog', { name: `下载海报：${TITLE}` });
  await expect(poster.getByText(/二维码指向：.*\/m\/c\/.*ch=海报/)).toBeVisible();
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    poster.getByRole('button', { name: '下载 PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe(`征集海报-${TITLE}-海报.png`);
  const pngPath = 'e2e/.screenshots/calls-poster.png';
  await png.saveAs(pngPath);
  const bytes = fs.readFileSync(pngPath);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  // A4 at 150 dpi, from the PNG header's width and height.
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1240, 1754]);
  await page.keyboard.press('Escape');
  await expect(poster).toBeHidden();

  for (const e of ENTRIES) await submitWork(baseURL!, slug, e, bytes);

  await page.getByRole('tab', { name: /作品与形式审查/ }).click();
  await expect(page).toHaveURL(new RegExp(`/calls/${callId}/entries`));
  await page.getByRole('button', { name: '刷新' }).click();
  await expect(page.getByText('共 2 条')).toBeVisible();
  const first = page.getByRole('row', { name: new RegExp(ENTRIES[0].title) });
  const second = page.getByRole('row', { name: new RegExp(ENTRIES[1].title) });
  await expect(first).toContainText('待审查');
  await expect(first).toContainText(ENTRIES[0].name);

  // 合格 in a batch; 材料不全 from the drawer, with the reason the entrant will read.
  await first.getByRole('checkbox').check();
  await page.getByRole('button', { name: '批量合格' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(first).toContainText('合格');

  await second.getByRole('button', { name: ENTRIES[1].title }).click();
  const drawer = page.getByRole('dialog', { name: new RegExp(`《${ENTRIES[1].title}》`) });
  await expect(drawer.getByText('同意记录')).toBeVisible();
  await expect(drawer).toContainText('139****0002');
  await expect(drawer).toContainText('14–16');
  await expect(drawer).toContainText('海报');
  await snap(page, 'drawer');
  await drawer.getByRole('button', { name: '材料不全' }).click();
  const reason = page.getByRole('dialog', { name: /审查为“材料不全”/ });
  await reason.getByLabel('材料不全的原因').fill('缺少作品创作说明，请在截止前补充上传');
  await reason.getByRole('button', { name: '材料不全' }).click();
  await expect(drawer.getByText('原因：缺少作品创作说明，请在截止前补充上传')).toBeVisible();
  await expect(drawer.getByText('审查记录')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(second).toContainText('材料不全');
  await snap(page, 'entries');

  await page.goto('/calls');
  const row = page.getByRole('row', { name: new RegExp(TITLE) });
  await expect(row).toContainText('征集中');
  await expect(row.getByRole('cell').nth(2)).toHaveText('2');
  await expect(row).toContainText('合格 1');
  await expect(row).toContainText('材料不全 1');
  await snap(page, 'list');
});
