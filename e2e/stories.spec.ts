import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { settledShot, signIn, USERS } from './fixtures';

const SHOTS = '/tmp/shots/stories';
fs.mkdirSync(SHOTS, { recursive: true });

async function look(page: Page, name: string) {
  await settledShot(page, `stories-${name}`);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** A real photo, drawn in the page: a sky, a hill and a sun, as a JPEG. */
async function photo(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 800;
    canvas.height = 450;
    const g = canvas.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, 450);
    sky.addColorStop(0, '#8ec5fc');
    sky.addColorStop(1, '#e0f0ff');
    g.fillStyle = sky;
    g.fillRect(0, 0, 800, 450);
    g.fillStyle = '#f6c343';
    g.beginPath();
    g.arc(620, 110, 50, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#3c8d5a';
    g.beginPath();
    g.moveTo(0, 450);
    g.quadraticCurveTo(250, 180, 520, 380);
    g.quadraticCurveTo(680, 300, 800, 360);
    g.lineTo(800, 450);
    g.fill();
    return canvas.toDataURL('image/jpeg', 0.85);
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

const BODY = [
  '孙一鸣在梅岭脚下长大，从高中起就背着相机追云海。',
  '他说，最好的云海总在日出前半小时，要在山顶等上三个小时。<script>alert("x")</script>',
  '这组作品获评东湖区青年文艺作品大赛优秀奖，也让更多人认识了家乡的山。',
].join('\n');

test('青年故事: write a story about a work with publicity consent, publish it, take it down', async ({
  page,
}) => {
  test.setTimeout(120_000);
  page.on('dialog', () => {
    throw new Error('a script in the story body ran');
  });
  await signIn(page, USERS.dhOperator);
  await page.getByRole('menu').getByText('青年故事').click();
  await expect(page).toHaveURL(/\/stories$/);
  await page.getByRole('button', { name: '写故事' }).click();

  await page.getByLabel('标题').fill('追云海的人');
  await page.getByLabel('摘要').fill('一位 95 后摄影爱好者和他镜头里的梅岭');
  await page.getByLabel('正文').fill(BODY);
  // The preview shows the typed text as text: the angle brackets, not a script.
  const preview = page.locator('article');
  await expect(preview.getByText('<script>alert("x")</script>', { exact: false })).toBeVisible();
  await expect(preview.locator('p')).toHaveCount(3);
  await expect(page.locator('article script')).toHaveCount(0);

  // The work picker says which works can ground a story.
  await page.locator('#story-entry').click();
  await page.locator('#story-entry').fill('梅岭');
  const option = page.locator('.ant-select-item-option', { hasText: '梅岭云海' });
  await expect(option.getByText('已授权公开')).toBeVisible();
  await option.click();
  await expect(page.getByText(/须关联一件作品：作者提交时同意公开展示/)).toBeVisible();
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('已保存为草稿')).toBeVisible();
  await expect(page).toHaveURL(/\/stories\/\d+$/);
  await expect(page.getByText('公开依据齐备，可以发布')).toBeVisible();

  // A cover photo, stored without its metadata.
  await page.locator('input[type="file"]').setInputFiles({
    name: '梅岭.jpg',
    mimeType: 'image/jpeg',
    buffer: await photo(page),
  });
  await expect(page.getByText('封面已上传')).toBeVisible();
  await expect(preview.locator('img[alt="封面"]')).toBeVisible();
  await look(page, 'editor-draft');

  await page.getByRole('button', { name: /^发\s*布$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^发\s*布$/ })
    .click();
  await expect(page.getByText(/^已发布：追云海的人/)).toBeVisible();
  await expect(page.locator('.ant-tag', { hasText: '已发布' })).toBeVisible();
  await expect(page.getByText(/公开中，依据：作品公开展示授权/)).toBeVisible();
  await look(page, 'editor-published');

  await page.getByRole('link', { name: '青年故事' }).first().click();
  const row = page.getByRole('row', { name: /追云海的人/ });
  await expect(row.getByText('已发布')).toBeVisible();
  await expect(row.getByText(/梅岭云海/)).toBeVisible();
  await look(page, 'list');

  // 下线 asks for the reason.
  await row.getByRole('button', { name: /^下\s*线$/ }).click();
  const prompt = page.getByRole('dialog');
  await prompt.getByLabel('下线原因').fill('本人希望更新照片后再展示');
  await prompt.getByRole('button', { name: /^下\s*线$/ }).click();
  await expect(row.getByText('已下线')).toBeVisible();
});
