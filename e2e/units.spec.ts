import { expect, test } from '@playwright/test';
import { shot, signIn, USERS } from './fixtures';

test('the real unit tree with the 71 key contact cities filter and pinyin search', async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  const tree = page.getByTestId('unit-tree');
  await expect(tree.getByText('共青团中央').first()).toBeVisible();
  await shot(page, 'units-tree');

  await page.getByTestId('key-city-filter').click();
  await expect(page.getByText('共 71 个')).toBeVisible();
  await expect(page.getByText('红河哈尼族彝族自治州').first()).toBeVisible();
  await expect(page.getByText('第十三师').first()).toBeVisible();
  await shot(page, 'units-key-cities');
  await page.getByTestId('key-city-filter').click();

  await page.getByPlaceholder(/名称|拼音/).fill('nanchang');
  await expect(page.getByText('南昌市').first()).toBeVisible();
  await page.getByText('南昌市').first().click();
  await expect(page.getByText('共青团南昌市委员会').first()).toBeVisible();
  await shot(page, 'units-detail');
});
