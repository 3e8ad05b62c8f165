import { expect, test } from '@playwright/test';
import { settledShot, signIn, USERS } from './fixtures';

test('个人信息处理规则: the first version from the template, then a second from the first', async ({
  page,
}) => {
  await signIn(page, USERS.hzAdmin);
  await page.getByRole('menuitem', { name: '线上招募' }).click();
  await page.getByRole('menuitem', { name: '个人信息规则' }).click();
  await expect(page.getByText('尚未发布，公开页面暂不能收集个人信息')).toBeVisible();

  await page.getByRole('button', { name: '从模板发布第一版' }).click();
  const dialog = page.getByRole('dialog', { name: '发布个人信息处理规则新版本' });
  await expect(dialog.getByLabel('个人信息处理者')).toHaveValue(/共青团杭州市委员会/);
  await settledShot(page, 'privacy-notice-template');
  await dialog.getByRole('button', { name: /发\s*布/ }).click();
  await expect(page.getByText('请把“【请填写】”替换为本单位的实际内容')).toBeVisible();

  await dialog
    .getByLabel('联系方式')
    .fill('共青团杭州市委员会，联系电话：0571-85100000，通讯地址：杭州市上城区解放东路18号');
  await dialog.getByRole('button', { name: /发\s*布/ }).click();
  await expect(dialog).toBeHidden();
  const first = page.getByRole('row').filter({ hasText: '第 1 版' });
  await expect(first.getByText('当前')).toBeVisible();
  await expect(first.getByText(/^[0-9a-f]{16}…$/)).toBeVisible();

  await page.getByRole('button', { name: '发布新版本' }).click();
  await expect(dialog.getByLabel('联系方式')).toHaveValue(/0571-85100000/);
  await dialog.getByLabel('保存期限').fill('自提交之日起保存三年，期满删除或匿名化处理。');
  await dialog.getByRole('button', { name: /发\s*布/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: '第 2 版' }).getByText('当前')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '第 1 版' }).getByText('当前')).toHaveCount(0);

  await page.getByRole('row').filter({ hasText: '第 1 版' }).getByRole('button', { name: /展开/ }).click();
  await expect(page.getByText('0571-85100000').first()).toBeVisible();
  await settledShot(page, 'privacy-notice-versions');
});
