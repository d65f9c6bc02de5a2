// Inspections, complete (issue 17, point 2), as the seed's people do it, at 1280 px and at 360 px: the
// commune officer (vhxh) drafts and issues the yearly inspection plan; the inspector kiemtra, team lead,
// records a finding with a recommendation, writes the conclusions, closes the inspection and downloads
// the minutes; the head of THCS Thanh Thủy sees the recommendation and reports it done. A fresh app.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, withPage } from './harness.mjs';

describeWithApp('Inspections in the browser', (app) => {
  test('plan issued, findings recorded, inspection closed, recommendation reported done', async () => {
    const officer = await apiAs(app, 'vhxh');
    const [inspector] = await officer('GET', '/lookups/people?role=inspector&q=kiemtra');
    const school = (await officer('GET', '/lookups/units?kind=school&q=THCS-TT')).find((u) => u.detail === 'THCS-TT');

    for (const [width, year] of [
      [1280, '2026-2027'],
      [360, '2027-2028'],
    ]) {
      const recommendation = `Tập huấn hệ thống quản lý học tập (${width})`;
      const inspection = await officer('POST', '/inspections', {
        kind: 'ad_hoc',
        title: `Kiểm tra đột xuất thư viện số ${width}`,
        school_year: '2025-2026',
        inspection_date: '2026-01-15',
        member_user_ids: [inspector.id],
        unit_ids: [school.id],
      });

      // The commune officer drafts the yearly plan and issues it.
      await withPage(app, `inspection-plan-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, 'vhxh');
        await page.goto('/inspection-plans');
        await page.getByRole('heading', { name: 'Kế hoạch kiểm tra năm học', level: 1 }).waitFor();
        await page.locator('#plan-year').fill(year);
        await page.locator('#item-0-unit').selectOption(String(school.id));
        await page.locator('#item-0-date').fill(`${year.slice(5)}-03-10`);
        await page.locator('#item-0-team').fill('Phòng Văn hóa - Xã hội');
        await page.locator('#item-0-content').fill('Học liệu số và an toàn thông tin');
        await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
        const card = page.locator('article.inspection-plan').filter({ hasText: year });
        await eventually(() => card.innerText(), /Dự thảo[\s\S]*Trường THCS Thanh Thủy/, 'the drafted plan with its visit');
        await card.locator('input[id$="-number"]').fill(`2${width % 7}/KH-UBND`);
        await card.locator('input[id$="-date"]').fill(`${year.slice(0, 4)}-09-15`);
        await card.locator('input[id$="-signer"]').fill('Trần Văn Thành');
        await card.getByRole('button', { name: 'Ban hành kế hoạch' }).click();
        await eventually(() => card.innerText(), /Đã ban hành/, 'the plan issued');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          card.getByRole('button', { name: 'Tải kế hoạch (DOCX)' }).click(),
        ]);
        assert.equal(readFileSync(await download.path()).subarray(0, 2).toString(), 'PK');
        await noHorizontalScroll(page, width);
      });

      // The team lead records a finding, closes with conclusions, downloads the minutes.
      await withPage(app, `inspection-close-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, 'kiemtra');
        await page.goto(`/inspections/${inspection.id}`);
        await page.getByRole('heading', { name: inspection.title, level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Ghi nhận xét' }).click();
        const id = `#finding-${school.id}`;
        await page.locator(`${id}-code`).fill('TC2.1');
        await page.locator(`${id}-shortcomings`).fill('Tỷ lệ giáo viên dùng hệ thống thấp hơn báo cáo.');
        await page.locator(`${id}-recommendations`).fill(recommendation);
        await page.locator(`${id}-mandatory`).check();
        await page.getByRole('button', { name: 'Lưu nhận xét' }).click();
        const finding = page.locator('li.finding').filter({ hasText: recommendation });
        await eventually(() => finding.innerText(), /TC2\.1[\s\S]*Chưa hoàn thành/, 'the mandatory finding, still open');
        // Closing with the mandatory finding open is refused, with the reason.
        await page.locator('#conclusions').fill('Nhà trường thực hiện tốt; cần nâng tỷ lệ sử dụng hệ thống.');
        await page.getByRole('button', { name: 'Kết thúc đợt kiểm tra' }).click();
        await eventually(() => page.locator('.close-inspection').innerText(), /bắt buộc chưa hoàn thành/, 'the refusal names the open finding');
        await finding.getByRole('button', { name: 'Đánh dấu hoàn thành' }).click();
        await eventually(() => finding.innerText(), /Đã hoàn thành/, 'the finding done');
        await page.getByRole('button', { name: 'Kết thúc đợt kiểm tra' }).click();
        await eventually(() => page.locator('.page-head').first().innerText(), /Đã kết thúc/, 'the inspection closed');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: /Tải biên bản kiểm tra/ }).click(),
        ]);
        assert.match(download.suggestedFilename(), /^bien-ban-kiem-tra-\d+\.docx$/);
        await noHorizontalScroll(page, width);
      });

      // The head of the school sees the recommendation and reports it done.
      await withPage(app, `inspection-followup-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, 'hieutruong.thcs');
        await page.goto('/inspection-recommendations');
        await page.getByRole('heading', { name: 'Kiến nghị sau kiểm tra', level: 1 }).waitFor();
        const card = page.locator('ul.recommendations li').filter({ hasText: recommendation });
        await eventually(() => card.count(), 1, 'the recommendation waiting for the school');
        await card.locator('textarea').fill('Đã tập huấn 32/32 giáo viên ngày 20/01/2026.');
        await card.getByRole('button', { name: 'Báo cáo đã thực hiện' }).click();
        const done = page.locator('ul.recommendations.done li').filter({ hasText: recommendation });
        await eventually(() => done.innerText(), /Đơn vị đã báo cáo hoàn thành[\s\S]*32\/32/, 'the recommendation reported done');
        await noHorizontalScroll(page, width);
      });
    }
  });
});
