import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
for (const w of [1280, 360]) {
  const ctx = await browser.newContext({ baseURL: 'http://127.0.0.1:8791', viewport: { width: w, height: 900 } });
  const page = await ctx.newPage();
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill('vhxh');
  await page.getByLabel('Mật khẩu', { exact: true }).fill('thidua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: /^Xin chào,/ }).waitFor();
  await page.goto('/scorecards'); await page.locator('.heatmap').waitFor();
  await page.locator('.heatmap-scroll').screenshot({ path: `/tmp/fe-dev/shots/heat-${w}.png` });
}
await browser.close();
