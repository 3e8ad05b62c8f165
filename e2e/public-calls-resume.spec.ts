import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { openCall, pdfDocument } from './public-calls-fixtures';

/**
 * A large file from a phone over a link that drops: the upload is resumable (tus). The second chunk's
 * connection is cut twice; the page says it is retrying, asks the server how much it holds, and goes on
 * from there instead of starting again. Cancelling another upload drops it at the server.
 */

const SHOTS = process.env.ZM_PUBLIC_SHOTS ?? 'e2e/.screenshots/public';
const MB = 1024 * 1024;
/** The client's chunk (api.ts CHUNK_BYTES): the first PATCH carries this much. */
const CHUNK = 8 * MB;

test.use({ viewport: { width: 375, height: 812 } });

test('a 12 MB file cut off mid-way resumes from where the server stopped and completes', async ({
  page,
  baseURL,
}) => {
  const path = await openCall(baseURL!, '断点续传测试征集');
  const sent: { method: string; offset: string | undefined }[] = [];
  let cuts = 0;
  await page.route('**/api/public/works/uploads/*', async (route) => {
    const req = route.request();
    const offset = req.headers()['upload-offset'];
    sent.push({ method: req.method(), offset });
    // The second chunk never arrives, twice: the network dropped.
    if (req.method() === 'PATCH' && offset === String(CHUNK) && cuts < 2) {
      cuts++;
      return route.abort('connectionreset');
    }
    return route.continue();
  });

  await page.goto(path);
  await page.getByLabel(/^作品类别/).selectOption({ label: '绘画' });
  await page
    .locator('#files')
    .setInputFiles({ name: '长卷.pdf', mimeType: 'application/pdf', buffer: pdfDocument(12 * 1024) });
  const item = page.locator('.pm-file').filter({ hasText: '长卷.pdf' });
  await expect(item.getByText(/网络中断，重试中…（已上传 \d+%）/)).toBeVisible({ timeout: 30_000 });
  fs.mkdirSync(SHOTS, { recursive: true });
  await item.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/upload-retrying-375.png` });
  await expect(item.getByText('已上传', { exact: true })).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: `${SHOTS}/upload-resumed-375.png` });

  expect(cuts).toBe(2);
  // Resumed, not restarted: after the cuts, the client asked for the offset and sent from the first chunk's end.
  const firstChunk = sent.filter((s) => s.method === 'PATCH' && s.offset === '0');
  expect(firstChunk).toHaveLength(1);
  expect(sent.some((s) => s.method === 'HEAD')).toBe(true);
  expect(sent.filter((s) => s.method === 'PATCH' && s.offset === String(CHUNK)).length).toBe(3);

  // Another file, cancelled while it goes: it disappears, and the server is told to drop it.
  await page.unroute('**/api/public/works/uploads/*');
  const deletes: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'DELETE') deletes.push(r.url());
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 256 * 1024,
  });
  await page
    .locator('#files')
    .setInputFiles({ name: '草图.pdf', mimeType: 'application/pdf', buffer: pdfDocument(4 * 1024) });
  const draft = page.locator('.pm-file').filter({ hasText: '草图.pdf' });
  await expect(draft.getByText(/上传中 \d+%/)).toBeVisible({ timeout: 30_000 });
  await draft.getByRole('button', { name: /取消上传/ }).click();
  await expect(draft).toHaveCount(0);
  await expect.poll(() => deletes.length).toBe(1);
  await expect(item.getByText('已上传', { exact: true })).toBeVisible();
});
