// The movement's budget as Phòng Kinh tế (login kinhte): the demo's 2025-2026 budget and partners, then a
// new school year: the budget by source, an allocation to a school (and one over the budget, refused with
// the field named), a spending record with its document, one above the allocation that needs a reason, the
// summary (hand-computed) and its XLSX download; at 1280 px and at 360 px. A school's head sees only its own.
// Imported by app.e2e.test.mjs; a fresh app of its own.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, openMenu, withPage } from './harness.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describeWithApp('The movement budget in the browser', (app) => {
  /** The cells of one line of the summary by source, as text. */
  const sourceLine = (page, key) => () =>
    page.getByTestId('budget-by-source').locator(`tr[data-source="${key}"]`).innerText();
  const has = (...parts) => (text) => parts.every((p) => text.includes(p));

  for (const width of [1280, 360]) {
    test(`Phòng Kinh tế keeps the budget at ${width} px`, async () => {
      const year = width === 1280 ? '2026-2027' : '2027-2028';
      const school = width === 1280 ? 'Trường THCS Đào Xá' : 'Trường Tiểu học Hoàng Xá';
      await withPage(app, `budget-${width}`, { viewport: { width, height: 900 }, acceptDownloads: true }, async (page) => {
        const fits = (what) => noHorizontalScroll(page, width, `the ${what}`);
        await login(page, 'kinhte');
        if (width === 1280) {
          await openMenu(page, 'Kinh phí');
        } else {
          await page.goto('/budget');
        }
        await page.getByRole('heading', { name: 'Kinh phí phong trào', level: 1 }).waitFor();

        // The demo's 2025-2026 budget: state 250 M (200 M allocated; 45.6 + 18.5 + 12 M spent), socialisation
        // 80 M (30 M allocated, 9.8 M spent); partners 30 M in cash, 12 M in kind.
        await page.getByLabel('Năm học', { exact: true }).selectOption('2025-2026');
        await eventually(
          sourceLine(page, 'state_budget'),
          has('250.000.000 đ', '200.000.000 đ', '76.100.000 đ', '123.900.000 đ', '50.000.000 đ'),
          'the demo state budget line',
        );
        await eventually(
          sourceLine(page, 'total'),
          has('330.000.000 đ', '230.000.000 đ', '85.900.000 đ', '144.100.000 đ', '100.000.000 đ'),
          'the demo total line',
        );
        await eventually(
          () => page.getByTestId('budget-contributions').innerText(),
          has('30.000.000 đ', '12.000.000 đ'),
          'the partners’ contributions',
        );
        await fits('demo budget');

        // A new school year: 120 M of state budget and 20 M of socialisation.
        await page.getByLabel('Năm học', { exact: true }).selectOption(year);
        for (const [source, amount] of [
          ['Ngân sách nhà nước', '120.000.000'],
          ['Xã hội hóa', '20.000.000'],
        ]) {
          await page.getByRole('button', { name: 'Lập kinh phí theo nguồn' }).click();
          const form = page.getByRole('form', { name: 'Lập kinh phí theo nguồn' });
          await form.getByLabel('Nguồn kinh phí').selectOption({ label: source });
          await form.getByLabel('Số tiền (đồng)').fill(amount);
          await form.getByRole('button', { name: 'Lưu', exact: true }).click();
          await form.waitFor({ state: 'detached' });
        }
        await eventually(sourceLine(page, 'total'), has('140.000.000 đ'), 'the year’s budget');

        // 50 M of the state budget to a school; then 80 M more is above the 70 M left: refused, nothing stored.
        await page.getByRole('button', { name: 'Phân bổ kinh phí' }).click();
        let form = page.getByRole('form', { name: 'Phân bổ kinh phí' });
        await form.getByLabel('Nguồn kinh phí').locator('option', { hasText: 'Ngân sách nhà nước' }).waitFor({ state: 'attached' });
        await form.getByLabel('Đơn vị nhận').locator('option', { hasText: school }).waitFor({ state: 'attached' });
        await form.getByLabel('Đơn vị nhận').selectOption({ label: school });
        await form.getByLabel('Nội dung').fill('Mua máy tính phòng tin học');
        await form.getByLabel('Số tiền (đồng)').fill('50.000.000');
        await form.getByRole('button', { name: 'Lưu phân bổ' }).click();
        await form.waitFor({ state: 'detached' });
        const allocations = page.locator('table.budget-allocations tbody tr');
        await eventually(() => allocations.count(), 1, 'one allocation');

        await page.getByRole('button', { name: 'Phân bổ kinh phí' }).click();
        form = page.getByRole('form', { name: 'Phân bổ kinh phí' });
        await form.getByLabel('Nội dung').fill('Thêm thiết bị');
        await form.getByLabel('Số tiền (đồng)').fill('80.000.000');
        await form.getByRole('button', { name: 'Lưu phân bổ' }).click();
        await eventually(
          () => form.getByRole('alert').innerText(),
          has('Số tiền (đồng)', 'chỉ còn 70.000.000 đ chưa phân bổ'),
          'the refusal names the amount field',
        );
        await fits('allocation form with its error');
        await form.getByRole('button', { name: 'Hủy' }).click();
        await eventually(() => allocations.count(), 1, 'still one allocation');

        // A spending record with its invoice; then one above what is left needs a reason.
        await page.getByRole('button', { name: 'Ghi khoản chi' }).click();
        form = page.getByRole('form', { name: 'Ghi khoản chi' });
        await form.getByLabel('Khoản phân bổ').locator('option', { hasText: 'Mua máy tính phòng tin học' }).waitFor({ state: 'attached' });
        await form.getByLabel('Ngày chi').fill('2026-10-15');
        await form.getByLabel('Số tiền (đồng)').fill('12.345.000');
        await form.getByLabel('Nội dung chi').fill('Mua 3 máy tính');
        await form.getByLabel('Số chứng từ').fill('HĐ 0003001');
        // A file that is no document is refused by its content, the field named; the record is kept and
        // the next try only attaches the right file.
        await form.getByLabel(/Chứng từ kèm theo/).setInputFiles({ name: 'hoa-don.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
        await form.getByRole('button', { name: 'Lưu khoản chi' }).click();
        await eventually(() => form.getByRole('alert').innerText(), has('Chứng từ kèm theo'), 'the refusal names the document field');
        await form.getByText('Đã lưu khoản chi nhưng chưa đính kèm được chứng từ').waitFor();
        await form.getByLabel(/Chứng từ kèm theo/).setInputFiles({ name: 'hoa-don.pdf', mimeType: 'application/pdf', buffer: PDF });
        await form.getByRole('button', { name: 'Lưu khoản chi' }).click();
        await form.waitFor({ state: 'detached' });
        const spending = page.locator('table.budget-spending tbody tr');
        await eventually(() => spending.first().innerText(), has('Mua 3 máy tính', '12.345.000 đ', 'hoa-don.pdf'), 'the spending row');
        const [document] = await Promise.all([
          page.waitForEvent('download'),
          spending.first().getByRole('button', { name: 'hoa-don.pdf' }).click(),
        ]);
        assert.equal(readFileSync(await document.path()).subarray(0, 5).toString(), '%PDF-');
        assert.equal(document.suggestedFilename(), 'hoa-don.pdf');

        await page.getByRole('button', { name: 'Ghi khoản chi' }).click();
        form = page.getByRole('form', { name: 'Ghi khoản chi' });
        await form.getByLabel('Khoản phân bổ').locator('option', { hasText: '37.655.000 đ' }).waitFor({ state: 'attached' });
        await form.getByLabel('Ngày chi').fill('2026-11-02');
        await form.getByLabel('Số tiền (đồng)').fill('40.000.000');
        await form.getByLabel('Nội dung chi').fill('Mua máy chủ');
        await form.getByLabel('Lý do chi vượt').waitFor();
        await form.getByRole('button', { name: 'Lưu khoản chi' }).click();
        await eventually(() => form.getByRole('alert').innerText(), has('Lý do chi vượt', '37.655.000 đ'), 'the refusal names the reason');
        await form.getByRole('button', { name: 'Hủy' }).click();
        await eventually(() => spending.count(), 1, 'still one spending record');

        // The summary: state 120 M, 50 M allocated, 12.345 M spent, 37.655 M left, 70 M unallocated.
        await eventually(
          sourceLine(page, 'state_budget'),
          has('120.000.000 đ', '50.000.000 đ', '12.345.000 đ', '37.655.000 đ', '70.000.000 đ'),
          'the state budget line',
        );
        await eventually(
          sourceLine(page, 'total'),
          has('140.000.000 đ', '50.000.000 đ', '12.345.000 đ', '37.655.000 đ', '90.000.000 đ'),
          'the total line',
        );
        await eventually(
          () => page.locator('table.budget-by-unit tbody tr').first().innerText(),
          has(school, '50.000.000 đ', '12.345.000 đ', '37.655.000 đ'),
          'the school’s line',
        );
        const [xlsx] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Tải tổng hợp (Excel)' }).click(),
        ]);
        assert.equal(readFileSync(await xlsx.path()).subarray(0, 2).toString(), 'PK');
        assert.equal(xlsx.suggestedFilename(), `Kinh phí ${year}.xlsx`);
        await fits('budget page');

        // The partners of the demo.
        await page.goto('/budget/partners');
        await page.getByRole('heading', { name: 'Đối tác', level: 1 }).waitFor();
        await eventually(
          () => page.locator('table.partners tbody tr').filter({ hasText: 'Công ty TNHH Công nghệ số Thanh Thủy' }).innerText(),
          has('Doanh nghiệp', '01/2025/TTHT', '30.000.000 đ'),
          'the business partner',
        );
        await fits('partners page');
      });
    });
  }

  test('Phòng Kinh tế keeps the commune plan’s budget lines', async () => {
    const finance = await apiAs(app, 'kinhte');
    const [plan] = (await finance('GET', '/plans?kind=commune')).items;
    await withPage(app, 'budget-commune-plan', {}, async (page) => {
      await login(page, 'kinhte');
      await page.goto(`/plans/${plan.id}`);
      const form = page.getByRole('form', { name: 'Kinh phí thực hiện' });
      await form.getByRole('button', { name: 'Thêm khoản kinh phí' }).click();
      await form.getByLabel('Số tiền (đồng)').fill('45.000.000');
      await form.getByLabel('Nội dung chi').fill('Hội nghị sơ kết phong trào');
      await form.getByRole('button', { name: 'Lưu kinh phí' }).click();
      await page.getByText('Đã lưu kinh phí.').waitFor();
      await eventually(
        async () => (await finance('GET', `/plans/${plan.id}`)).budget_total_vnd,
        45_000_000,
        'the commune plan’s stored budget',
      );
    });
  });

  test('a school’s head sees its own allocations, not the commune’s budget', async () => {
    await withPage(app, 'budget-school', {}, async (page) => {
      await login(page, 'hieutruong.thcs');
      await page.goto('/budget');
      await page.getByLabel('Năm học', { exact: true }).selectOption('2025-2026');
      await eventually(
        sourceLine(page, 'total'),
        has('120.000.000 đ', '55.400.000 đ', '64.600.000 đ'),
        'the school’s totals (90 + 30 M allocated, 45.6 + 9.8 M spent)',
      );
      await eventually(() => page.getByTestId('budget-by-source').locator('th').allInnerTexts(), (ths) => !ths.includes('Kinh phí'), 'no commune budget column');
      await eventually(() => page.locator('table.budget-allocations tbody tr').count(), 2, 'its two allocations');
      await eventually(() => page.getByRole('button', { name: 'Phân bổ kinh phí' }).count(), 0, 'no allocation button');
    });
  });
});
