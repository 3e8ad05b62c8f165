import { expect, test } from '@playwright/test';
import { settledShot, signIn, USERS } from './fixtures';

test('dictionary aliases: shown per item, edited in the dialog, a clash refused in Chinese', async ({
  page,
}) => {
  await signIn(page, USERS.admin);
  await page.goto('/dictionaries');
  await page.getByRole('tab', { name: '学历' }).click();
  const bachelor = page.getByRole('row').filter({ hasText: '大学本科' });
  await expect(bachelor.getByText('本科', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('row').filter({ hasText: '大学专科' }).getByText('大专', { exact: true }),
  ).toBeVisible();
  await settledShot(page, 'dictionaries-aliases');

  await page.getByRole('row').filter({ hasText: '大学专科' }).getByRole('button', { name: '修改' }).click();
  const dialog = page.getByRole('dialog', { name: '修改字典项' });
  const aliases = dialog.getByLabel('别名');
  await aliases.fill('本科');
  await aliases.press('Enter');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(
    page.getByText('别名“本科”已是“大学本科”（全国通用项）的别名，同一字典内别名不能重复'),
  ).toBeVisible();
  await settledShot(page, 'dictionaries-alias-clash');

  await aliases.press('Backspace');
  await aliases.fill('高职院校');
  await aliases.press('Enter');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(dialog).toBeHidden();
  const college = page.getByRole('row').filter({ hasText: '大学专科' });
  await expect(college.getByText('高职院校', { exact: true })).toBeVisible();
  await expect(college.getByText('本科', { exact: true })).toHaveCount(0);

  await page.getByRole('tab', { name: '民族' }).click();
  await expect(
    page.getByRole('row').filter({ hasText: '维吾尔族' }).getByText('维族', { exact: true }),
  ).toBeVisible();
  await page.getByRole('tab', { name: '群体类别' }).click();
  await page
    .getByRole('row')
    .filter({ hasText: '生活新业态青年' })
    .getByRole('button', { name: /展开/ })
    .click();
  await expect(page.getByRole('row').filter({ hasText: '外卖骑手' }).getByText('外卖小哥')).toBeVisible();
  await settledShot(page, 'dictionaries-category-aliases');
});
