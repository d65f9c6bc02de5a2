// The Department (Sở GDĐT) over two communes (issue 20): its officer opens its view of the province
// and finds Thanh Thủy's semester report received and Sơn Hà's missing, both communes in the
// heatmap, and the schools of both ranked on one framework version, the page saying so. It picks a
// commune under "Kế hoạch của các xã" and reads its schools' plan tracking (Thanh Thủy's approved and
// submitted plans, Sơn Hà's schools without one). Then a commune's officer is walled in: Sơn Hà's
// officer gets 404 on Thanh Thủy's movement and its plan tracking. At 1280 px and at 360 px (no
// horizontal scrolling). A fresh app of its own (the demo is a province).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, openMenu, withPage } from './harness.mjs';

const YEAR = '2025-2026';

describeWithApp('the Department of Education over its communes', (app) => {
  test("the Department's officer reads every commune's reports, scores and ranking", async () => {
    for (const width of [1280, 360])
      await withPage(app, `province-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        await login(page, 'so.gddt');
        await openMenu(page, 'Sở GDĐT: các xã');
        await page.getByRole('heading', { name: 'Sở Giáo dục và Đào tạo: theo dõi các xã', level: 1 }).waitFor();
        await page.locator('[id="school_year"]').selectOption(YEAR);

        const period = page.getByRole('article', { name: 'Học kỳ I năm học 2025-2026' });
        await eventually(() => period.innerText(), /Đã nhận 1 báo cáo/, 'one consolidated report received');
        await eventually(() => period.innerText(), /UBND xã Thanh Thủy: Báo cáo số 45\/BC-UBND/, "Thanh Thủy's report");
        await eventually(() => period.innerText(), /Chưa gửi: UBND xã Sơn Hà/, 'Sơn Hà has not sent its report');

        const heatmap = page.getByRole('table', { name: /Tỷ lệ hoàn thành trung bình/ });
        await eventually(() => heatmap.getByRole('row').count(), 3, 'a header and one row per commune');
        await eventually(() => heatmap.innerText(), /UBND xã Sơn Hà/, 'Sơn Hà in the heatmap');

        const note = page.getByRole('note');
        await eventually(() => note.innerText(), /cùng phiên bản 1 của bảng điểm BDC-CSGD \(2 xã\)/, 'the ranking says what it compares');
        const ranking = page.locator('table').filter({ hasText: 'Hạng' });
        await eventually(() => ranking.innerText(), /Trường Tiểu học Sơn Hà/, 'a school of Sơn Hà is ranked');
        await eventually(() => ranking.innerText(), /Trường Tiểu học Thanh Thủy/, 'a school of Thanh Thủy is ranked');

        await noHorizontalScroll(page, width, "the Department's page");
      });
  });

  test("the Department's officer reads a commune's plan tracking", async () => {
    for (const width of [1280, 360])
      await withPage(app, `province-plans-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        await login(page, 'so.gddt');
        await openMenu(page, 'Sở GDĐT: các xã');
        await page.getByRole('heading', { name: 'Kế hoạch của các xã', level: 2 }).waitFor();
        const commune = page.getByLabel('Xã', { exact: true });

        await commune.selectOption({ label: 'UBND xã Thanh Thủy' });
        const thanhThuy = page.getByRole('table', { name: /các trường thuộc UBND xã Thanh Thủy/ });
        const row = (table, school) => table.getByRole('row').filter({ hasText: school });
        await eventually(() => row(thanhThuy, 'Trường Tiểu học Thanh Thủy').innerText(), /Đã phê duyệt/, "Tiểu học Thanh Thủy's plan approved");
        await eventually(() => row(thanhThuy, 'Trường Tiểu học Đào Xá').innerText(), /Đã gửi, chờ xem xét/, "Tiểu học Đào Xá's plan waiting for the commune");
        await eventually(() => page.locator('.province-plan-counts').innerText(), /^10 trường: 1 đã phê duyệt, 1 chờ xã xem xét/, "Thanh Thủy's counts");

        await commune.selectOption({ label: 'UBND xã Sơn Hà' });
        const sonHa = page.getByRole('table', { name: /các trường thuộc UBND xã Sơn Hà/ });
        await eventually(() => row(sonHa, 'Sơn Hà').count(), 3, "Sơn Hà's three schools");
        await eventually(() => row(sonHa, 'Trường THCS Sơn Hà').innerText(), /Chưa nhận kế hoạch/, 'Sơn Hà has not issued its plan yet');
        await eventually(() => page.locator('.province-plan-counts').innerText(), /^3 trường: 0 đã phê duyệt/, "Sơn Hà's counts");

        await noHorizontalScroll(page, width, "a commune's plans");
      });
  });

  test('a visitor reads one commune\'s public pages at a time', async () => {
    for (const width of [1280, 360])
      await withPage(app, `province-public-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        await page.goto('/bang-vang');
        const board = page.getByRole('table', { name: 'Bảng vàng' });
        await eventually(() => board.innerText(), /Trường Tiểu học Thanh Thủy/, "Thanh Thủy's award on the province's board");
        const picker = page.getByLabel('Xã', { exact: true });
        await picker.selectOption({ label: 'UBND xã Sơn Hà' });
        await eventually(() => page.locator('main').innerText(), /Chưa có tập thể, cá nhân nào phù hợp\./, 'Sơn Hà has awarded nobody yet');
        assert.match(page.url(), /\?xa=\d+$/);
        await eventually(() => page.locator('header').innerText(), /Bảng vàng thi đua xã Sơn Hà/, "the site's title names the commune");
        // The menu keeps the commune: its criteria page lists Sơn Hà's framework only.
        await page.getByRole('link', { name: 'Tiêu chí khen thưởng' }).click();
        await page.waitForURL(/\/tieu-chi\?xa=\d+$/);
        await eventually(() => picker.inputValue(), page.url().split('xa=')[1], 'the picker keeps the commune');
        await picker.selectOption({ label: 'Tất cả các xã' });
        await page.waitForURL((url) => !url.search.includes('xa='));
        await page.getByRole('link', { name: 'Bảng vàng', exact: true }).click();
        await eventually(() => board.innerText(), /Trường Tiểu học Thanh Thủy/, 'every commune again');
        await noHorizontalScroll(page, width, 'the public pages');
      });
  });

  test("a commune's officer sees nothing of the other commune", async () => {
    const sonHa = await apiAs(app, 'vhxh.sonha');
    const thanhThuy = await apiAs(app, 'vhxh');
    const [movement] = (await thanhThuy('GET', '/movements')).items;
    const own = (await sonHa('GET', '/movements')).items;
    assert.equal(own.length, 1);
    assert.notEqual(own[0].id, movement.id);
    await assert.rejects(sonHa('GET', `/movements/${movement.id}`), /404/);
    await assert.rejects(sonHa('GET', `/plans/tracking?movement_id=${movement.id}`), /404/);
    await withPage(app, 'province-walled', { viewport: { width: 1280, height: 800 } }, async (page) => {
      await login(page, 'vhxh.sonha');
      await page.goto('/units');
      const table = page.locator('table');
      await eventually(() => table.innerText(), /Trường THCS Sơn Hà/, "Sơn Hà's schools are listed");
      await eventually(() => table.innerText(), (text) => !text.includes('Thanh Thủy'), 'no unit of Thanh Thủy');
    });
  });
});
