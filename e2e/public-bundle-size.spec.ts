import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { openCall } from './public-calls-fixtures';

/** The budget for the public site's first page (/m/…): JavaScript, gzipped. */
const BUDGET = 100 * 1024;
const dist = process.env.ZM_WEB_DIST ?? 'dist/web';

/** Every script a page loads before it runs: its entries and, transitively, their static imports. */
function firstPageScripts(html: string): string[] {
  const seen = new Set<string>();
  const queue = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1],
  );
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(path.join(dist, file), 'utf8');
    // Static imports only (`from"./x.js"`, `import"./x.js"`); `import("./x.js")` loads later, on demand.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g))
      queue.push(`assets/${m[1]}`);
  }
  return [...seen];
}

test('the public site’s first page stays within 100 KB of gzipped JavaScript and loads no library of the cadres’ app', () => {
  const publicScripts = firstPageScripts(fs.readFileSync(path.join(dist, 'm.html'), 'utf8'));
  const sizes = publicScripts.map((file) => ({
    file,
    gzip: gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length,
  }));
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  console.warn(`public first page: ${(total / 1024).toFixed(1)} KB gzipped JS`, sizes);
  expect(publicScripts.length).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(BUDGET);
  for (const file of publicScripts) {
    expect(file, 'a chunk of a library the public site must not use').not.toMatch(
      /echarts|zod|router|antd|icons/i,
    );
    const code = fs.readFileSync(path.join(dist, file), 'utf8');
    expect(code, `${file} carries antd`).not.toMatch(/ant-design|\.ant-btn|echarts/);
  }
});

test('a call’s page, as a phone first opens it, stays within the same budget', async ({ page, baseURL }) => {
  const callPath = await openCall(baseURL!, '南昌青年短视频作品征集');
  const scripts = new Set<string>();
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname.replace(/^\//, ''));
  });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(callPath);
  await expect(page.getByRole('heading', { name: '提交作品' })).toBeVisible();
  const sizes = [...scripts].map((file) => ({
    file,
    gzip: gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length,
  }));
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  console.warn(`call page first load: ${(total / 1024).toFixed(1)} KB gzipped JS`, sizes);
  expect(sizes.length).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(BUDGET);
  for (const { file } of sizes) expect(file).not.toMatch(/echarts|zod|router|antd|icons/i);
});
