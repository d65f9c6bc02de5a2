// Browser tests against the real app: `npm run test:e2e` (builds first).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHROMIUM, apiAs, describeWithApp, eventually, login, menuLink, noHorizontalScroll, openMenu, skipReason, submittedSchoolAssessment, withPage } from './harness.mjs';
// plans and reports: a suite with its own app (fresh database)
import './plans-reports.e2e.mjs';
import './awards.e2e.mjs';
// ad hoc rounds, province proposals from schools, public criteria, base salary (issue 16)
import './award-flows.e2e.mjs';
// the movement's budget and partners as Phòng Kinh tế
import './budget.e2e.mjs';
import './imports.e2e.mjs';
// script and HTML in free-text fields stay text (no XSS)
import './security.e2e.mjs';
// the suites read the page only through eventually() (no browser needed)
import './lint.e2e.mjs';
import './pickers.e2e.mjs';
import './forms.e2e.mjs';
import './reminders.e2e.mjs';
// charts with their tables on the commune's dashboard and a school's scorecard (issue 18.7)
import './charts.e2e.mjs';
import './closing.e2e.mjs';
// the Ban chỉ đạo and research support (issue 17, points 1 and 6)
import './steering.e2e.mjs';
// QĐ 4725: the school's digital-transformation index joined to the movement's scorecard
import './dti.e2e.mjs';
// communications plan and log, school-proposed stories, info corners, shared materials (issue 17)
import './communications.e2e.mjs';
import './inspections.e2e.mjs';
import './actors.e2e.mjs';
// the demo commune: something to see and decide for every role; the self-assessment form (issue 18, 6 and 5)
import './demo.e2e.mjs';
// the Department over two communes, and the wall between communes (issue 20)
import './province.e2e.mjs';
// webhooks: another system subscribed to the commune's own events
import './integrations.e2e.mjs';

const skip = skipReason();
if (skip) console.warn(`# skipping browser tests: ${skip}`);

test('Chromium is installed', { skip: skip ?? false }, () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing (install the chromium package)`);
});

describeWithApp('Thi Đua Số in the browser', (app) => {
  const unique = Date.now().toString(36).toUpperCase();

  test('commune officer creates a school and a staff member in it', async () => {
    await withPage(app, 'create-school-and-staff', {}, async (page) => {
      await login(page, 'vhxh');

      // a new school
      const schoolCode = `MN-E2E-${unique}`;
      const schoolName = `Trường Mầm non Thử nghiệm ${unique}`;
      await openMenu(page, 'Đơn vị');
      await page.getByRole('link', { name: 'Thêm đơn vị' }).click();
      await page.getByLabel('Mã', { exact: true }).fill(schoolCode);
      await page.getByLabel('Tên đơn vị').fill(schoolName);
      await page.getByLabel('Loại đơn vị').selectOption('school');
      await page.getByLabel('Cấp học').selectOption({ label: 'Mầm non' });
      await page.getByLabel('Địa chỉ').fill('Thôn Đồng Tâm, xã Thanh Thủy');
      await page.getByRole('button', { name: 'Tạo mới' }).click();
      await page.getByRole('heading', { name: schoolName }).waitFor();

      await openMenu(page, 'Đơn vị');
      await page.getByLabel('Tìm kiếm').fill(schoolCode);
      const unitRow = page.getByRole('row').filter({ hasText: schoolCode });
      await unitRow.waitFor();
      await eventually(() => unitRow.innerText(), new RegExp(schoolName), "the name in the new school's row");
      await eventually(() => unitRow.innerText(), /Cơ sở giáo dục/, "the kind in the new school's row");

      // a staff member in it
      const staffCode = `GV-E2E-${unique}`;
      const staffName = `Nguyễn Thị Hồng Nhung ${unique}`;
      await openMenu(page, 'Cán bộ, giáo viên');
      await page.getByRole('link', { name: 'Thêm cán bộ' }).click();
      await page.getByLabel('Mã', { exact: true }).fill(staffCode);
      await page.getByLabel('Họ và tên').fill(staffName);
      await page.getByLabel('Chức vụ').fill('Giáo viên');
      await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: schoolName });
      await page.getByLabel('Thư điện tử').fill(`nhung.${unique.toLowerCase()}@example.edu.vn`);
      await page.getByRole('button', { name: 'Tạo mới' }).click();
      await page.getByRole('heading', { name: staffName }).waitFor();

      await openMenu(page, 'Cán bộ, giáo viên');
      await page.getByLabel('Tìm kiếm').fill(staffCode);
      const staffRow = page.getByRole('row').filter({ hasText: staffCode });
      await staffRow.waitFor();
      await eventually(() => staffRow.innerText(), new RegExp(staffName), 'the name in the new staff row');
      await eventually(() => staffRow.innerText(), new RegExp(schoolName), 'the school in the new staff row');
    });
  });

  test('a head of school sees only the staff of their own school', async () => {
    await withPage(app, 'unit-manager-staff-scope', {}, async (page) => {
      await login(page, 'hieutruong.thcs');
      await openMenu(page, 'Cán bộ, giáo viên');
      await page.locator('table td.col-unit').first().waitFor();
      // at least one staff member, the school itself among their units; every unit is the school or one of
      // its subject groups ("Tổ Văn phòng - THCS Thanh Thủy"), checked on that same reading of the column
      const units = await eventually(
        () => page.locator('table td.col-unit').allInnerTexts(),
        (texts) => texts.length > 0 && texts.includes('Trường THCS Thanh Thủy'),
        'the unit column of the staff list',
      );
      for (const unit of units) assert.match(unit.trim(), /^(Trường THCS Thanh Thủy|Tổ .+ - THCS Thanh Thủy)$/);
      await eventually(
        () => page.locator('table td.col-code').allInnerTexts(),
        (codes) => codes.length === units.length && codes.every((code) => /^THCS-TT/.test(code.trim())),
        "every staff code is THCS-TT's",
      );
      await eventually(
        () => page.locator('table').innerText(),
        (table) => !/Tiểu học|TH Thanh Thủy|TH-TT/.test(table),
        'no other school in the staff table',
      );
    });
  });

  test('the language switches to English and back', async () => {
    await withPage(app, 'language-switch', {}, async (page) => {
      await login(page, 'vhxh');
      const nav = page.getByRole('navigation', { name: /Điều hướng chính|Main navigation/ });
      // the menu's groups (issue 18.8) carry the language too
      await nav.getByRole('button', { name: 'Quản trị', exact: true }).waitFor();
      // Pressed again until the page says so: the header moves as the name and the to-do count
      // arrive, and on a busy machine a click can land beside the button it aimed at.
      const switchTo = (label, lang) =>
        eventually(
          async () => {
            if ((await page.getAttribute('html', 'lang')) !== lang) {
              await page.getByRole('button', { name: label, exact: true }).click();
            }
            return page.getAttribute('html', 'lang');
          },
          lang,
          `the page language after pressing ${label}`,
        );

      await switchTo('EN', 'en');
      await nav.getByRole('button', { name: 'Administration', exact: true }).waitFor();
      await (await menuLink(page, 'Units')).waitFor();
      await page.getByRole('heading', { name: /^Welcome,/ }).waitFor();
      await eventually(() => nav.getByRole('link', { name: 'Đơn vị', exact: true }).count(), 0, 'no Vietnamese link left');

      // the choice survives a reload
      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();

      await switchTo('VI', 'vi');
      await nav.getByRole('button', { name: 'Quản trị', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    });
  });

  test('works at 360 px: menu button, staff list without horizontal overflow', async () => {
    await withPage(app, 'mobile-360', { viewport: { width: 360, height: 740 } }, async (page) => {
      const fits = (what) => noHorizontalScroll(page, 360, `the ${what}`);
      await page.goto('/login');
      await page.getByLabel('Tên đăng nhập').waitFor();
      await fits('login page');

      await login(page, 'vhxh');
      const menu = page.getByRole('button', { name: 'Danh mục' });
      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
      const admin = nav.getByRole('button', { name: 'Quản trị', exact: true });
      const staffLink = nav.getByRole('link', { name: 'Cán bộ, giáo viên', exact: true });
      await eventually(() => staffLink.isVisible(), false, 'navigation is collapsed at first');
      await eventually(() => menu.getAttribute('aria-expanded'), 'false', 'the menu button, closed');

      await menu.click();
      await eventually(() => menu.getAttribute('aria-expanded'), 'true', 'the menu button, open');
      // the groups fold (issue 18.8): the open menu is a short list of the seed's works
      await admin.waitFor({ state: 'visible' });
      await eventually(() => staffLink.isVisible(), false, 'the administration group, folded');
      await eventually(
        () => page.locator('#main-menu').evaluate((m) => m.getBoundingClientRect().height),
        (px) => px < 740,
        "the open menu fits the phone's screen (its height in px)",
      );
      await admin.click();
      await eventually(() => admin.getAttribute('aria-expanded'), 'true', 'the administration group, open');
      await staffLink.waitFor({ state: 'visible' });
      await fits('open menu');

      await staffLink.click();
      await page.getByRole('heading', { name: 'Cán bộ, giáo viên, nhân viên' }).waitFor();
      await page.locator('table td.col-unit').first().waitFor();
      await eventually(() => staffLink.isVisible(), false, 'menu closes after navigating');
      await fits('staff list');
    });
  });

  test('a concurrent change (412) is reported and the form reloads', async () => {
    await withPage(app, 'conflict-412', {}, async (page) => {
      await login(page, 'vhxh');
      await page.goto('/units');
      await page.getByLabel('Tìm kiếm').fill('THCS-TT');
      await page.getByRole('link', { name: 'Trường THCS Thanh Thủy', exact: true }).click();
      await page.getByRole('link', { name: 'Sửa', exact: true }).click();
      const address = page.getByLabel('Địa chỉ');
      await address.waitFor();

      // someone else saves the unit meanwhile (same API, version taken from the ETag)
      const status = await page.evaluate(async () => {
        const id = location.pathname.split('/')[2];
        const headers = { Authorization: `Bearer ${sessionStorage.getItem('thidua.token')}` };
        const res = await fetch(`/api/v1/units/${id}`, { headers });
        const patch = await fetch(`/api/v1/units/${id}`, {
          method: 'PATCH',
          headers: { ...headers, 'Content-Type': 'application/json', 'If-Match': res.headers.get('ETag') },
          body: JSON.stringify({ address: 'Xóm Chợ, xã Thanh Thủy' }),
        });
        return patch.status;
      });
      assert.equal(status, 200);

      await address.fill('Địa chỉ của tôi');
      await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await page.getByRole('alert').filter({ hasText: 'Dữ liệu đã được người khác thay đổi, vui lòng tải lại' }).waitFor();
      // the form now shows the other person's saved data
      await page.waitForFunction(() => document.querySelector('#address')?.value === 'Xóm Chợ, xã Thanh Thủy');
    });
  });

  test('an invalid session goes back to the login page', async () => {
    await withPage(app, 'expired-session', {}, async (page) => {
      await login(page, 'vhxh');
      await page.evaluate(() => sessionStorage.setItem('thidua.token', 'expired'));
      await page.goto('/staff');
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      await eventually(() => new URL(page.url()).pathname, '/login', 'the address after an invalid session');
      await eventually(() => page.evaluate(() => sessionStorage.getItem('thidua.token')), null, 'the stored token');
    });
  });

  test('a school self-assesses, the commune verifies, the ranking shows the result', async () => {
    const school = 'Trường THCS Thanh Thủy';
    const group = (page, code) => page.getByRole('group', { name: new RegExp(`^${code.replace('.', '\\.')} `) });
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'thidua-evidence-'));
    const pdf = path.join(tmp, 'quy-che-an-toan-thong-tin.pdf');
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    try {
      await withPage(app, 'self-assessment-fill-submit', {}, async (page) => {
        await login(page, 'hieutruong.thcs');
        await openMenu(page, 'Tự đánh giá');
        await page.getByRole('button', { name: 'Bắt đầu tự đánh giá' }).click();
        const start = page.getByRole('form', { name: 'Bắt đầu tự đánh giá' });
        await start
          .getByLabel('Bảng điểm chuẩn', { exact: true })
          .selectOption({ label: 'Bảng điểm chuẩn đối với các cơ sở giáo dục (BDC-CSGD, phiên bản 1)' });
        await start.getByLabel('Năm học').selectOption('2025-2026');
        await start.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
        await page.getByRole('heading', { name: school, level: 1 }).waitFor();

        // computed indicators are read-only
        const tc11 = group(page, 'TC1.1');
        await tc11.getByText('Hệ thống tự tính', { exact: true }).waitFor();
        // TC1.1 is fed by the plans (0 without a plan; "Chưa có dữ liệu" where no source answers)
        const tc11Value = tc11.locator('.computed strong');
        await eventually(async () => (await tc11Value.innerText()).trim(), /^(Chưa có dữ liệu|0)$/, 'the computed TC1.1');
        await eventually(() => tc11.getByLabel('Giá trị tự đánh giá').count(), 0, 'no input for the computed TC1.1');

        // an invalid percentage is refused at the indicator
        const tc21 = group(page, 'TC2.1');
        await tc21.getByLabel('Giá trị tự đánh giá (%)').fill('150');
        await tc21.getByLabel('Giá trị tự đánh giá (%)').press('Tab');
        await tc21.getByText('Tỷ lệ phần trăm phải từ 0 đến 100.').waitFor();

        const typed = { 'TC2.1': '80', 'TC2.3': '25', 'TC2.4': '90', 'TC3.3': '2', 'TC5.2': '0' };
        for (const [code, value] of Object.entries(typed)) {
          const input = group(page, code).getByLabel(/^Giá trị tự đánh giá/);
          await input.fill(value);
          await input.press('Tab');
        }
        await group(page, 'TC2.2').getByLabel('Giá trị tự đánh giá').selectOption('2');
        // TC4.3 is computed from the "Bình dân học vụ số" classes the school held: none yet, so 0
        const tc43 = group(page, 'TC4.3');
        await tc43.getByText('Hệ thống tự tính', { exact: true }).waitFor();
        await eventually(() => tc43.getByLabel('Có', { exact: true }).count(), 0, 'no yes/no choice for the computed TC4.3');
        await group(page, 'TC5.1').getByLabel('Có', { exact: true }).check();

        // the live score is the server's answer
        const selfTotal = page.getByTestId('self-total');
        await page.waitForFunction(() => document.querySelector('[data-testid="self-total"]')?.textContent === '39 / 100');
        await eventually(() => selfTotal.innerText(), '39 / 100', 'the live self-assessed total');
        const panel = page.getByRole('complementary', { name: 'Điểm tạm tính' });
        await panel.getByText('Chưa hoàn thành').waitFor();
        await panel.getByText('TC1.1').waitFor();
        // 15 of 17: the computed TC1.2 and TC1.3 have no data yet and count as missing (issue 15)
        await eventually(() => panel.innerText(), /Mức độ đầy đủ dữ liệu\s+88,24 %/, 'the data completeness in the score panel');

        // submitting without the required evidence shows what is missing at the indicators
        await page.getByRole('button', { name: 'Nộp', exact: true }).click();
        await tc21.getByText('TC2.1 cần ít nhất một minh chứng.').waitFor();
        await group(page, 'TC5.1').getByText('TC5.1 cần ít nhất một minh chứng.').waitFor();

        // evidence: a link for TC2.1, a PDF for TC5.1
        await tc21.getByLabel('Đường dẫn minh chứng').fill('https://lms.thcs-thanhthuy.edu.vn/bao-cao-2025');
        await tc21.getByLabel('Tiêu đề').fill('Báo cáo sử dụng hệ thống LMS');
        await tc21.getByRole('button', { name: 'Thêm liên kết' }).click();
        await tc21.getByRole('link', { name: 'Báo cáo sử dụng hệ thống LMS' }).waitFor();
        const tc51 = group(page, 'TC5.1');
        // the file goes up as soon as it is chosen (several may be chosen at once)
        await tc51.getByLabel('Tệp minh chứng').setInputFiles(pdf);
        const fileButton = tc51.getByRole('button', { name: 'quy-che-an-toan-thong-tin.pdf', exact: true });
        await fileButton.waitFor();
        // the file downloads with the bearer token
        const [download] = await Promise.all([page.waitForEvent('download'), fileButton.click()]);
        assert.equal(download.suggestedFilename(), 'quy-che-an-toan-thong-tin.pdf');

        await page.getByRole('button', { name: 'Nộp', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Đã nộp bản tự đánh giá.' }).waitFor();
        await page.getByText('Đã nộp, chờ xem xét').first().waitFor();
        const submit = page.getByRole('button', { name: 'Nộp', exact: true });
        await eventually(() => submit.count(), 0, 'no submit button on a submitted assessment');
      });

      // verification is allowed inside the school year's evaluation window: the officer opens it around today
      const officerApi = await apiAs(app, 'vhxh');
      const movement = (await officerApi('GET', '/movements')).items[0];
      const windowUrl = `/movements/${movement.id}/evaluation-windows/2025-2026`;
      const current = await officerApi('GET', windowUrl);
      const day = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
      await officerApi('PUT', windowUrl, { starts_on: day(-1), ends_on: day(30) }, { 'If-Match': `"${current.version}"` });

      await withPage(app, 'self-assessment-review-verify', {}, async (page) => {
        await login(page, 'vhxh');
        await openMenu(page, 'Tự đánh giá');
        await page.getByRole('row').filter({ hasText: 'Đã nộp, chờ xem xét' }).getByRole('link', { name: school }).click();
        await page.getByRole('heading', { name: school, level: 1 }).waitFor();

        const tc21 = group(page, 'TC2.1');
        await eventually(() => tc21.innerText(), /Giá trị tự đánh giá\s+80 %/, 'the self-assessed TC2.1 for the reviewer');
        await tc21.getByLabel('Giá trị xác nhận (%)').fill('60');
        await tc21.getByLabel('Nhận xét của người xem xét').fill('Theo thống kê hệ thống LMS chỉ 60 % giáo viên sử dụng thường xuyên.');
        await tc21.getByLabel('Nhận xét của người xem xét').press('Tab');
        await page.waitForFunction(() => document.querySelector('[data-testid="gap"]')?.textContent === '1,4');
        await eventually(() => page.getByTestId('verified-total').innerText(), '37,6 / 100', 'the verified total');
        await eventually(() => page.getByTestId('self-total').innerText(), '39 / 100', 'the self-assessed total');

        await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Đã xác nhận kết quả.' }).waitFor();
        await page.getByText('Đã xác nhận', { exact: true }).first().waitFor();

        // the commune dashboard: ranking, gap, heatmap
        await openMenu(page, 'Bảng xếp hạng');
        await page
          .getByLabel('Bảng điểm chuẩn', { exact: true })
          .selectOption({ label: 'BDC-CSGD (phiên bản 1) – Bảng điểm chuẩn đối với các cơ sở giáo dục' });
        await page.getByLabel('Năm học').selectOption('2025-2026');
        const row = page.locator('table.ranking tbody tr').filter({ hasText: school });
        await row.waitFor();
        const cell = (name) => () => row.locator(`td.col-${name}`).innerText().then((text) => text.trim());
        // the demo's schools of 2025-2026 rank too: Tiểu học Thanh Thủy 94 (verified), Tiểu học Đào Xá
        // 39.58 (reviewed), Mầm non Thanh Thủy 38.4 (submitted), then this school's 37.6
        await eventually(cell('rank'), '4', "the school's rank");
        await eventually(cell('gap'), '1,4', "the school's gap");
        await eventually(() => row.innerText(), /\t39\t/, 'the self-assessed total in the ranking');
        await eventually(() => row.innerText(), /\t37,6\t/, 'the verified total in the ranking');
        await page.getByRole('cell', { name: `${school}, TC2: 86,4 %` }).waitFor();
        // gaps 0.35, 1.5, 0 and this school's 1.4
        await eventually(() => page.getByTestId('average-gap').innerText(), '0,81', 'the average gap');

        // the school's own result: where the points were lost
        await row.getByRole('link', { name: school }).click();
        await page.getByRole('heading', { name: `Kết quả của đơn vị: ${school}` }).waitFor();
        const lost = page.locator('table.lost-table tbody tr');
        // most points lost first (TC3.1: 10 of 10), the failed gate marked, TC2.1 lost 2.8 after the review
        await eventually(() => lost.first().innerText(), /^TC3\.1/, 'the indicator that lost most points');
        const lostAt = (code) => () => lost.filter({ hasText: code }).innerText();
        await eventually(lostAt('TC1.1'), /Chưa đạt điều kiện bắt buộc/, 'the failed gate TC1.1');
        await eventually(lostAt('TC2.1'), /4,2 \/ 7\s+2,8/, 'the points TC2.1 lost after the review');

        // the dashboard, the result and the assessment fit a 360 px phone
        await page.setViewportSize({ width: 360, height: 740 });
        const fits = (what) => noHorizontalScroll(page, 360, `the ${what}`);
        await fits('scorecard');
        await page.goBack();
        await page.locator('table.ranking').waitFor();
        await fits('ranking');
        await page.goto(new URL(page.url()).origin + '/assessments');
        await page.getByRole('link', { name: school }).first().click();
        await page.getByTestId('self-total').waitFor();
        await fits('assessment');
      });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('the commune drafts a new framework version, sees field errors, saves it and puts it into use', async () => {
    await withPage(app, 'framework-new-version', {}, async (page) => {
      await login(page, 'vhxh');
      await openMenu(page, 'Bảng điểm chuẩn');
      await page.getByRole('link', { name: 'Bảng điểm chuẩn đối với cá nhân' }).first().click();
      await page.getByRole('heading', { name: 'Bảng điểm chuẩn đối với cá nhân', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Tạo phiên bản mới' }).click();
      await page.getByText('BDC-CANHAN · phiên bản 2').waitFor();
      await page.getByText('Bản nháp', { exact: true }).waitFor();

      await page.getByRole('link', { name: 'Sửa', exact: true }).click();
      await page.getByRole('heading', { name: 'Sửa bảng điểm chuẩn' }).waitFor();
      const target = page.locator('[id="criteria.1.indicators.0.target"]');
      await eventually(() => target.inputValue(), '2', 'the target of CN2.1 in the form');
      await target.fill('nhiều');
      await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
      // the server's error path body.criteria.1.indicators.0.target is shown at that field
      await page.locator('[id="criteria.1.indicators.0.target-error"]').waitFor();
      await eventually(() => target.getAttribute('aria-invalid'), 'true', 'the refused target is marked invalid');

      await target.fill('3');
      await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await page.getByRole('heading', { name: 'Bảng điểm chuẩn đối với cá nhân', level: 1 }).waitFor();
      const row = page.getByRole('row').filter({ hasText: 'CN2.1' });
      await eventually(() => row.innerText(), /\t3\t/, 'the saved target of CN2.1');

      const activate = page.getByRole('button', { name: 'Đưa vào sử dụng' });
      await activate.click();
      await page.getByText('Đang sử dụng', { exact: true }).waitFor();
      await eventually(() => activate.count(), 0, 'no activate button on the version in use');
    });
  });

  test('an administrator creates a user who can then sign in', async () => {
    const login_ = `gv.e2e.${unique.toLowerCase()}`;
    const fullName = `Trần Văn Đức ${unique}`;
    const password = 'Mat-khau-Manh-2026!';
    await withPage(app, 'admin-creates-user', {}, async (page) => {
      await login(page, 'admin');
      await openMenu(page, 'Người dùng');
      await page.getByRole('link', { name: 'Thêm người dùng' }).click();
      await page.getByLabel('Tên đăng nhập').fill(login_);
      await page.getByLabel('Họ và tên').fill(fullName);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
      await page.getByLabel('Cán bộ, giáo viên, nhân viên', { exact: true }).check();
      await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Trường THCS Thanh Thủy' });
      await page.getByRole('button', { name: 'Tạo mới' }).click();
      await page.getByRole('heading', { name: fullName }).waitFor();

      await page.getByRole('link', { name: '← Người dùng' }).click();
      await page.getByLabel('Tìm kiếm').fill(login_);
      const row = page.getByRole('row').filter({ hasText: login_ });
      await row.waitFor();
      await eventually(() => row.innerText(), /Trường THCS Thanh Thủy/, "the unit in the new user's row");
    });
    await withPage(app, 'new-user-signs-in', {}, async (page) => {
      await login(page, login_, password);
      await page.getByText(fullName).first().waitFor();
    });
  });
});

// Activities and inspections change THCS-TT's 2025-2026 self-assessment (computed TC4.1, verified
// values), which the suite above checks exactly: they get their own app with a fresh database.
describeWithApp('Activity log and inspections in the browser', (app) => {
  const school = 'Trường THCS Thanh Thủy';
  const year = '2025-2026';
  const group = (scope, code) => scope.getByRole('group', { name: new RegExp(`^${code.replace('.', '\\.')} `) });
  const nav = (page, name) => openMenu(page, name);

  test('a head of school records a training; it feeds TC4.1 of the self-assessment', async () => {
    const title = 'Lớp bồi dưỡng Bình dân học vụ số – đợt 1';
    await withPage(app, 'activity-training', {}, async (page) => {
      await login(page, 'hieutruong.thcs');
      await nav(page, 'Nhật ký hoạt động');
      await page.getByRole('heading', { name: 'Nhật ký hoạt động', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Ghi hoạt động' }).click();
      // the form is loaded lazily: wait for it (the list has a "Loại hoạt động" filter too)
      await page.getByLabel('Tên hoạt động').waitFor();

      await page.getByLabel('Loại hoạt động').selectOption({ label: 'Lớp bồi dưỡng “Bình dân học vụ số”' });
      await page.getByLabel('Tên hoạt động').fill(title);
      await page.getByLabel('Ngày tổ chức').fill('2025-10-15');
      await page.getByText(`Thuộc năm học ${year}.`).waitFor();
      await page.getByLabel('Số người học tham gia').fill('35');
      await page.getByLabel('Nội dung').fill('Bồi dưỡng kỹ năng số cơ bản cho cán bộ, giáo viên.');

      // attendance: two people, the first one completed the training
      const people = page.locator('.attendee-list li');
      await people.first().waitFor();
      await eventually(() => people.count(), (n) => n >= 2, 'the school has at least two staff members');
      const first = people.nth(0);
      const second = people.nth(1);
      /** The name in the label of attendee `item` ("Name (position)"). */
      const nameOf = (item, what) =>
        eventually(
          async () => (await item.locator('label').first().innerText()).split('(')[0].trim(),
          (name) => name.length > 0,
          `the name of the ${what} attendee`,
        );
      const firstName = await nameOf(first, 'first');
      const secondName = await nameOf(second, 'second');
      await first.getByRole('checkbox', { name: new RegExp(`^${firstName}`) }).check();
      await first.getByRole('checkbox', { name: `Hoàn thành: ${firstName}` }).check();
      await second.getByRole('checkbox', { name: new RegExp(`^${secondName}`) }).check();
      await page.getByText('Đã chọn 2 người.').waitFor();

      await page.getByRole('button', { name: 'Thêm liên kết' }).click();
      await page.getByLabel('Đường dẫn', { exact: true }).fill('https://thcs-thanhthuy.edu.vn/tin-tuc/binh-dan-hoc-vu-so');
      await page.getByLabel('Tiêu đề liên kết').fill('Tin bài lớp bồi dưỡng');
      await page.getByRole('button', { name: 'Tạo mới' }).click();

      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      const rows = page.locator('table tbody tr');
      await rows.first().waitFor();
      await eventually(() => rows.count(), 2, 'rows of the attendance table');
      await eventually(() => rows.filter({ hasText: firstName }).innerText(), /Có/, 'the first attendee completed');
      await eventually(() => rows.filter({ hasText: secondName }).innerText(), /Không/, 'the second attendee did not');
      await page.getByRole('link', { name: 'Tin bài lớp bồi dưỡng' }).waitFor();
      const details = page.locator('dl.details');
      await eventually(() => details.innerText(), new RegExp(`Năm học\\s+${year}`), 'the school year of the activity');

      // edit: someone else changes the activity meanwhile (412), the form reloads, saving again works
      await page.getByRole('link', { name: 'Sửa', exact: true }).click();
      await page.getByRole('heading', { name: 'Sửa hoạt động' }).waitFor();
      await page.getByText('Đã chọn 2 người.').waitFor();
      const status = await page.evaluate(async () => {
        const id = location.pathname.split('/')[2];
        const headers = { Authorization: `Bearer ${sessionStorage.getItem('thidua.token')}` };
        const current = await (await fetch(`/api/v1/activities/${id}`, { headers })).json();
        const patch = await fetch(`/api/v1/activities/${id}`, {
          method: 'PATCH',
          headers: { ...headers, 'Content-Type': 'application/json', 'If-Match': `"${current.version}"` },
          body: JSON.stringify({ description: 'Nội dung do người khác cập nhật.' }),
        });
        return patch.status;
      });
      assert.equal(status, 200);
      const renamed = `${title} (đã sửa)`;
      await page.getByLabel('Tên hoạt động').fill(renamed);
      await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await page.getByRole('alert').filter({ hasText: 'Dữ liệu đã được người khác thay đổi, vui lòng tải lại' }).waitFor();
      await page.waitForFunction(() => document.querySelector('#description')?.value === 'Nội dung do người khác cập nhật.');
      await page.getByLabel('Tên hoạt động').fill(renamed);
      await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await page.getByRole('heading', { name: renamed, level: 1 }).waitFor();
      await eventually(() => page.locator('table tbody tr').count(), 2, 'rows of the attendance table after the edit');

      // another activity, deleted after confirming
      await page.getByRole('link', { name: '← Nhật ký hoạt động' }).click();
      await page.getByRole('link', { name: 'Ghi hoạt động' }).click();
      await page.getByLabel('Tên hoạt động').waitFor();
      await page.getByLabel('Loại hoạt động').selectOption({ label: 'Hoạt động khác' });
      await page.getByLabel('Tên hoạt động').fill('Hoạt động ghi nhầm');
      await page.getByLabel('Ngày tổ chức').fill('2025-11-20');
      await page.getByRole('button', { name: 'Tạo mới' }).click();
      await page.getByRole('heading', { name: 'Hoạt động ghi nhầm', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Xóa', exact: true }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Xóa hoạt động' }).click();
      await page.getByRole('heading', { name: 'Nhật ký hoạt động', level: 1 }).waitFor();
      await page.getByRole('row').filter({ hasText: renamed }).waitFor();
      const deleted = page.getByRole('row').filter({ hasText: 'Hoạt động ghi nhầm' });
      await eventually(() => deleted.count(), 0, 'the deleted activity is not listed');

      // the log lists it, also filtered by year and kind
      await page.getByLabel('Năm học').selectOption(year);
      await page.getByLabel('Loại hoạt động').selectOption({ label: 'Lớp bồi dưỡng “Bình dân học vụ số”' });
      const row = page.getByRole('row').filter({ hasText: renamed });
      await row.waitFor();
      await eventually(() => row.innerText(), /15\/10\/2025/, 'the date of the training in the log');
      await page.getByLabel('Loại hoạt động').selectOption({ label: 'Hoạt động khác' });
      await row.waitFor({ state: 'detached' });

      // the self-assessment started in the UI computes TC4.1 from the attendance
      await nav(page, 'Tự đánh giá');
      await page.getByRole('button', { name: 'Bắt đầu tự đánh giá' }).click();
      const start = page.getByRole('form', { name: 'Bắt đầu tự đánh giá' });
      await start
        .getByLabel('Bảng điểm chuẩn', { exact: true })
        .selectOption({ label: 'Bảng điểm chuẩn đối với các cơ sở giáo dục (BDC-CSGD, phiên bản 1)' });
      await start.getByLabel('Năm học').selectOption(year);
      await start.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
      await page.getByRole('heading', { name: school, level: 1 }).waitFor();
      const tc41 = group(page, 'TC4.1');
      await tc41.getByText('Hệ thống tự tính', { exact: true }).waitFor();
      await eventually(
        // a Vietnamese decimal (33,33): the comma is the decimal mark
        async () => Number((await tc41.locator('.computed strong').innerText()).trim().replace(',', '.')),
        (value) => value > 0 && value < 100,
        'the computed TC4.1',
      );
    });
  });

  test('the commune sets up an ad hoc inspection; the inspector records a verified value', async () => {
    const title = 'Kiểm tra đột xuất chuyển đổi số THCS Thanh Thủy';

    // setup through the API: the school's submitted self-assessment
    const head = await apiAs(app, 'hieutruong.thcs');
    const a = await submittedSchoolAssessment(head, year);
    assert.equal(a.status, 'submitted');

    await withPage(app, 'inspection-create', {}, async (page) => {
      await login(page, 'vhxh');
      await nav(page, 'Kiểm tra, giám sát');
      await page.getByRole('link', { name: 'Lập đợt kiểm tra' }).click();
      await page.getByRole('heading', { name: 'Lập đợt kiểm tra', level: 1 }).waitFor();
      await page.getByLabel('Đột xuất').check();
      await page.getByLabel('Tên đợt kiểm tra').fill(title);
      await page.getByLabel('Năm học').selectOption(year);
      await page.getByLabel('Ngày kiểm tra').fill('2026-03-10');
      await page.getByLabel('Kết luận, phát hiện').fill('Kiểm tra việc sử dụng hệ thống LMS.');
      await page.getByRole('checkbox', { name: `${school} (THCS-TT)` }).check();

      // the officer cannot list accounts, but picks the team by name (GET /lookups/people)
      const team = page.getByRole('group', { name: 'Thành viên đoàn kiểm tra' });
      await page.getByLabel('Tìm theo tên').fill('tuấn');
      const tuan = page.getByRole('checkbox', { name: 'Lê Minh Tuấn (kiemtra)' });
      await tuan.check();
      await eventually(() => page.locator('#member_user_ids .chip').innerText(), /Lê Minh Tuấn/, 'the chosen inspector by name');
      await eventually(() => team.getByRole('checkbox').count(), 1, 'only the matching inspector is offered');
      await page.getByRole('button', { name: 'Lập đợt kiểm tra' }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByText('Đột xuất', { exact: false }).first().waitFor();
      await page.getByText('Lê Minh Tuấn').waitFor();
      await page.getByRole('heading', { name: `${school} (THCS-TT)`, level: 3 }).waitFor();
      await page.getByRole('button', { name: 'Kết thúc đợt kiểm tra' }).waitFor();
    });

    await withPage(app, 'inspection-record', {}, async (page) => {
      await login(page, 'kiemtra');
      await nav(page, 'Kiểm tra, giám sát');
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      // the only member leads the team: records, and may close (no managing: no reopen, no edit)
      await page.getByRole('button', { name: 'Kết thúc đợt kiểm tra' }).waitFor();
      await eventually(() => page.getByRole('button', { name: 'Sửa' }).count(), 0, 'no edit button for an inspector');
      await page.getByRole('button', { name: 'Ghi kết quả kiểm tra' }).click();
      const form = page.getByRole('form', { name: `Ghi kết quả kiểm tra: ${school}` });
      const tc21 = group(form, 'TC2.1');
      await eventually(() => tc21.innerText(), /Giá trị tự đánh giá\s+80 %/, 'the self-assessed TC2.1 for the inspector');
      await eventually(() => group(form, 'TC4.1').count(), 0, 'computed indicators are not asked for');

      // a value that does not fit is refused at the indicator
      await tc21.getByLabel('Giá trị kiểm tra (%)').fill('150');
      await form.getByRole('button', { name: 'Lưu kết quả kiểm tra' }).click();
      await tc21.getByText('Tỷ lệ phần trăm phải từ 0 đến 100.').waitFor();

      await tc21.getByLabel('Giá trị kiểm tra (%)').fill('50');
      await tc21.getByLabel('Ghi chú kiểm tra').fill('Thực tế 50 % giáo viên sử dụng LMS thường xuyên.');
      await form.getByRole('button', { name: 'Lưu kết quả kiểm tra' }).click();
      await page.getByRole('status').filter({ hasText: `Đã ghi kết quả kiểm tra của ${school}.` }).waitFor();
      const recorded = page.locator('table.recorded-values tbody tr').filter({ hasText: 'TC2.1' });
      await recorded.waitFor();
      await eventually(
        () => recorded.innerText(),
        /TC2\.1\s+80\s+50\s+Đã thành giá trị xác nhận\s+Thực tế 50 %/,
        'the recorded TC2.1 beside the self value, applied',
      );
    });

    await withPage(app, 'inspection-verified-value', {}, async (page) => {
      await login(page, 'hieutruong.thcs');
      await nav(page, 'Tự đánh giá');
      await page.getByRole('link', { name: school }).first().click();
      await page.getByRole('heading', { name: school, level: 1 }).waitFor();
      const tc21 = group(page, 'TC2.1');
      await tc21.getByText('Giá trị xác nhận').waitFor();
      await eventually(() => tc21.innerText(), /Giá trị xác nhận\s+50 %/, 'the verified TC2.1 for the school');
      await eventually(() => tc21.innerText(), /Giá trị tự đánh giá\s+80 %/, 'the self-assessed TC2.1 for the school');
    });

    await withPage(app, 'inspection-close', {}, async (page) => {
      await login(page, 'vhxh');
      await nav(page, 'Kiểm tra, giám sát');
      await page.getByLabel('Hình thức').selectOption({ label: 'Đột xuất' });
      await page.getByRole('link', { name: title }).click();
      const recorded = page.locator('table.recorded-values tbody tr').filter({ hasText: 'TC2.1' });
      await recorded.waitFor();
      await page.getByRole('button', { name: 'Kết thúc đợt kiểm tra' }).click();
      await page.getByText('Đã kết thúc', { exact: true }).waitFor();
      const record = page.getByRole('button', { name: 'Ghi kết quả kiểm tra' });
      await eventually(() => record.count(), 0, 'no record button on a closed inspection');
      await page.getByRole('button', { name: 'Mở lại đợt kiểm tra' }).waitFor();
    });
  });
});
