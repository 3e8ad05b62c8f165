import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { smallRuns, writeDocx } from '../server/modules/plans/fixtures/hostile-docx';
import { settledShot, signIn, USERS } from './fixtures';

test('a Word document that inflates to 128 MB is refused on the import page, which keeps working', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-e2e-bomb-'));
  try {
    const file = path.join(dir, '工作方案.docx');
    await writeDocx(file, smallRuns(128 * 1024 * 1024));
    await signIn(page, USERS.ncOperator);
    await page.goto('/plans/import');
    await expect(page.getByText('点击或拖入方案的 Word 文档（.docx）')).toBeVisible();
    await page.locator('input[type=file]').setInputFiles(file);

    const alert = page.getByRole('alert').filter({ hasText: '未能读取该 Word 文档' });
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(alert).toContainText('疑似压缩炸弹，已拒绝读取');
    await expect(alert).not.toContainText(/sections|tasks|undefined|Error/);
    await settledShot(page, 'plans-import-refused');

    // The page and the server carry on: pasted text is parsed, and the refusal is cleared.
    await page.getByRole('tab', { name: '粘贴文本' }).click();
    await page.getByLabel('方案全文').fill('一、重点任务\n1. 开展学习。（责任部门：宣传部）');
    await page.getByRole('button', { name: /解\s*析/ }).click();
    await expect(page.getByText('共 1 章、1 项任务')).toBeVisible({ timeout: 30_000 });
    await expect(alert).toBeHidden();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
