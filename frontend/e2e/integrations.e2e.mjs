// Webhooks: the administrator subscribes another system to the commune's own events (a commune plan
// issued, a report request sent) and sees the signing secret once; the subscription then lists them.
// At 1280 px and at 360 px (no horizontal scrolling). A fresh app of its own.
import { test } from 'node:test';
import { describeWithApp, eventually, login, noHorizontalScroll, openMenu, withPage } from './harness.mjs';

describeWithApp('Webhooks in the browser', (app) => {
  for (const width of [1280, 360]) {
    test(`the administrator subscribes a system to the commune's events at ${width} px`, async () => {
      const viewport = { width, height: width === 360 ? 740 : 900 };
      await withPage(app, `webhook-${width}`, { viewport }, async (page) => {
        await login(page, 'admin');
        await openMenu(page, 'Thông báo sang hệ thống khác');
        await page.getByRole('heading', { name: 'Thông báo sang hệ thống khác (webhook)' }).waitFor();
        await page.getByRole('link', { name: 'Tạo webhook' }).click();
        await page.getByRole('heading', { name: 'Tạo webhook' }).waitFor();

        const name = `Cổng dữ liệu Sở GD&ĐT ${width}`;
        await page.getByLabel('Tên').fill(name);
        await page.getByLabel('Địa chỉ nhận (URL)').fill('https://example.org/thidua/hook');
        await page.getByLabel(/Xã ban hành kế hoạch của xã/).check();
        await page.getByLabel(/Xã gửi yêu cầu báo cáo/).check();
        await eventually(() => page.getByLabel(/Xã mở đợt xét khen thưởng/).isVisible(), true, 'the award round event offered');
        await noHorizontalScroll(page, width);
        await page.getByRole('button', { name: 'Tạo webhook' }).click();

        await page.getByText(`Đã tạo webhook "${name}".`).waitFor();
        await page.getByRole('heading', { name: 'Khóa ký webhook' }).waitFor();
        await eventually(() => page.locator('main').innerText(), /whsec_/, 'the signing secret, shown once');
        await noHorizontalScroll(page, width);

        await page.getByRole('link', { name: 'Xem webhook' }).click();
        await page.getByRole('heading', { name }).waitFor();
        const shown = () => page.locator('main').innerText();
        await eventually(shown, /Xã ban hành kế hoạch của xã/, 'the plan event on the subscription');
        await eventually(shown, /Xã gửi yêu cầu báo cáo/, 'the report request event on the subscription');
        await eventually(shown, (text) => !/whsec_/.test(text), 'the secret not shown again');
        await noHorizontalScroll(page, width);
      });
    });
  }
});
