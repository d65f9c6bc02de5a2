// Self-inspection inside the school (issue 15, items 4 and 7): a head of school (demo login
// hieutruong.thcs) verifies a teacher's individual self-assessment inside the school year's
// evaluation window, at 1280 px and at 360 px; before verification the computed values read
// "Tạm tính". The commune officer (vhxh) re-opens, with a reason, the school-verified self-assessment
// of a teacher proposed for a commune award, on the nomination's page, at both widths. A fresh app of
// its own.
import { test } from 'node:test';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, withPage } from './harness.mjs';

const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describeWithApp('Closing a school year in the browser', (app) => {
  test('the head of school verifies a teacher’s self-assessment', async () => {
    const officer = await apiAs(app, 'vhxh');
    const teacher = await apiAs(app, 'giaovien.thcs');
    const movement = (await officer('GET', '/movements')).items[0];
    const framework = (await officer('GET', '/frameworks?subject_kind=individual&status=active')).items[0];
    const cases = [
      [1280, '2026-2027'],
      [360, '2027-2028'],
    ];
    for (const [width, year] of cases) {
      // The commune officer opens the school year's evaluation window around today: on the framework's
      // page at 1280 px (an end before the start is refused first), through the API for the phone.
      const url = `/movements/${movement.id}/evaluation-windows/${year}`;
      if (width === 1280) {
        await withPage(app, 'closing-officer-window', { viewport: { width, height: 800 } }, async (page) => {
          await login(page, 'vhxh');
          await page.goto(`/frameworks/${framework.id}`);
          const row = page.getByRole('listitem').filter({ hasText: `Năm học ${year}` });
          await eventually(() => row.innerText(), /Mặc định/, 'the default window before any change');
          await row.getByLabel('Từ ngày').fill(inDays(-1));
          await row.getByLabel('Đến ngày').fill(inDays(-5));
          await row.getByRole('button', { name: 'Lưu thay đổi' }).click();
          await row.getByText('Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.').waitFor();
          await row.getByLabel('Đến ngày').fill(inDays(30));
          await row.getByRole('button', { name: 'Lưu thay đổi' }).click();
          await eventually(() => row.innerText(), /Đang trong thời gian đánh giá/, 'the window is open after saving');
        });
        const stored = await officer('GET', url);
        if (stored.starts_on !== inDays(-1) || stored.ends_on !== inDays(30)) throw new Error(JSON.stringify(stored));
      } else {
        const window = await officer('GET', url);
        await officer('PUT', url, { starts_on: inDays(-1), ends_on: inDays(30) }, { 'If-Match': `"${window.version}"` });
      }
      // The teacher fills and submits their own self-assessment.
      let a = await teacher('POST', '/self-assessments', { framework_id: framework.id, school_year: year });
      const values = { 'CN1.2': '2', 'CN3.3': '1' }; // CN2.1 and CN2.2 are computed (migration 0023)
      a = await teacher(
        'PUT',
        `/self-assessments/${a.id}/entries`,
        { entries: Object.entries(values).map(([indicator_code, value]) => ({ indicator_code, value })) },
        { 'If-Match': `"${a.version}"` },
      );
      await teacher('POST', `/self-assessments/${a.id}/submit`, undefined, { 'If-Match': `"${a.version}"` });

      await withPage(app, `closing-principal-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        await login(page, 'hieutruong.thcs');
        await page.goto(`/assessments/${a.id}`);
        await page.getByRole('heading', { name: a.subject_name, level: 1 }).waitFor();
        const windowNote = page.getByTestId('evaluation-window');
        await eventually(() => windowNote.innerText(), /đang mở/, 'the evaluation window is shown open');
        const provisional = page.getByText('Tạm tính', { exact: true });
        await eventually(() => provisional.count(), (n) => n >= 1, 'computed values read "Tạm tính" before verification');
        await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Đã xác nhận kết quả.' }).waitFor();
        await eventually(() => page.getByText('Đã xác nhận', { exact: true }).count(), (n) => n >= 1, 'the status reads verified');
        await eventually(() => provisional.count(), 0, 'no value is provisional once frozen');
        await eventually(() => page.getByRole('button', { name: 'Xác nhận', exact: true }).count(), 0, 'no verify button once verified');
        await noHorizontalScroll(page, width);
      });
      const stored = await officer('GET', `/self-assessments/${a.id}`);
      if (stored.status !== 'verified' || !stored.score.frozen) throw new Error(`not verified: ${stored.status}`);
    }
  });

  test('the commune officer re-opens a nominee’s self-assessment the school verified', async () => {
    const officer = await apiAs(app, 'vhxh');
    const head = await apiAs(app, 'hieutruong.thcs');
    const teacher = await apiAs(app, 'giaovien.thcs');
    const movement = (await officer('GET', '/movements')).items[0];
    const framework = (await officer('GET', '/frameworks?subject_kind=individual&status=active')).items[0];
    const reason = 'Minh chứng CN3.3 chưa ghi rõ cuộc thi cấp nào.';
    for (const [width, year] of [
      [1280, '2028-2029'],
      [360, '2029-2030'],
    ]) {
      // Setup (not under test): the window open, the teacher's assessment verified by the head of school,
      // the teacher proposed for the commune's Giấy khen in an ad hoc round, the proposal submitted.
      const url = `/movements/${movement.id}/evaluation-windows/${year}`;
      const window = await officer('GET', url);
      await officer('PUT', url, { starts_on: inDays(-1), ends_on: inDays(30) }, { 'If-Match': `"${window.version}"` });
      let a = await teacher('POST', '/self-assessments', { framework_id: framework.id, school_year: year });
      a = await teacher(
        'PUT',
        `/self-assessments/${a.id}/entries`,
        { entries: [{ indicator_code: 'CN1.2', value: '2' }, { indicator_code: 'CN3.3', value: '1' }] },
        { 'If-Match': `"${a.version}"` },
      );
      a = await teacher('POST', `/self-assessments/${a.id}/submit`, undefined, { 'If-Match': `"${a.version}"` });
      a = await head('POST', `/self-assessments/${a.id}/verify`, undefined, { 'If-Match': `"${a.version}"` });
      if (a.status !== 'verified') throw new Error(`not verified: ${a.status}`);
      const round = await officer('POST', '/award-rounds', {
        kind: 'ad_hoc',
        opens_on: inDays(0),
        closes_on: inDays(7),
        award_type_codes: ['GK-XA-CN'],
        reason: `Giáo viên đạt giải Nhất thi thiết kế bài giảng số (${width} px).`,
      });
      let n = await head('POST', '/nominations', {
        round_id: round.id,
        award_type_code: 'GK-XA-CN',
        unit_id: a.unit_id,
        staff_id: a.staff_id,
        justification: 'Đạt giải Nhất thi thiết kế bài giảng số cấp tỉnh.',
        assessment_ids: [a.id],
      });
      n = await head('POST', `/nominations/${n.id}/submit`, undefined, { 'If-Match': `"${n.version}"` });

      await withPage(app, `closing-reopen-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        await login(page, 'vhxh');
        await page.goto(`/awards/nominations/${n.id}`);
        const box = page.getByRole('form', { name: 'Mở lại bản tự đánh giá để xem xét ở cấp xã' });
        await box.waitFor();
        await eventually(
          () => box.getByLabel('Bản tự đánh giá').locator('option:checked').innerText(),
          new RegExp(year),
          'the verified self-assessment of the year is offered',
        );
        // No reason: refused, the message next to the reason field, nothing re-opened.
        await box.getByRole('button', { name: 'Mở lại bản tự đánh giá' }).click();
        await page.locator('#reopen-reason-error').waitFor();
        const still = await officer('GET', `/self-assessments/${a.id}`);
        if (still.status !== 'verified') throw new Error(`re-opened without a reason: ${still.status}`);
        await box.getByLabel('Lý do mở lại').fill(reason);
        await box.getByRole('button', { name: 'Mở lại bản tự đánh giá' }).click();
        await page.getByRole('status').filter({ hasText: 'Đã mở lại bản tự đánh giá' }).waitFor();
        await eventually(() => box.count(), 0, 'nothing left to re-open once it went back to the teacher');
        await noHorizontalScroll(page, width);
      });
      const back = await teacher('GET', `/self-assessments/${a.id}`);
      if (back.status !== 'returned' || !back.return_reason.includes(reason) || back.score.frozen)
        throw new Error(`not returned to the teacher: ${back.status} ${back.return_reason} ${back.score.frozen}`);
    }
  });
});
