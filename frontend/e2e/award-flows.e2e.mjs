// Award flows beyond the school year (issue 16): the officer opens an ad hoc round ("khen thưởng đột
// xuất") with its reason and a school nominates a teacher in it, ending on the public honour board; a
// school proposes itself for the province chairman's Bằng khen with its achievement report, and the
// officer downloads the hồ sơ and records the province's decision; the public criteria page without
// signing in; the officer adds a base salary with its effective date.
// Imported by app.e2e.test.mjs; a fresh app of its own.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, withPage } from './harness.mjs';

const iso = (days = 0) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const EXPLOIT = 'Đạt giải Nhất Hội thi giáo viên dạy giỏi cấp tỉnh.';

describeWithApp('Award flows in the browser', (app) => {
  /** Review by the council (officer) and approval (leader) of a submitted nomination, through the API. */
  async function reviewAndApprove(nominationId, roundId) {
    const officer = await apiAs(app, 'vhxh');
    const leader = await apiAs(app, 'chutich');
    const meeting = await officer('POST', '/council-meetings', {
      round_id: roundId,
      held_on: iso(),
      location: 'Hội trường UBND xã',
      chair: 'Nguyễn Văn Chủ',
      secretary: 'Lê Thị Thư',
      members_present: ['Nguyễn Văn Chủ', 'Lê Thị Thư', 'Trần Văn Ủy', 'Phạm Thị Viên', 'Hoàng Văn Bảy'],
      members_total: 7,
    });
    let n = await officer('GET', `/nominations/${nominationId}`);
    n = await officer('POST', `/nominations/${n.id}/review`, { meeting_id: meeting.id, votes_for: 5, votes_cast: 5 }, { 'If-Match': `"${n.version}"` });
    return leader('POST', `/nominations/${n.id}/approve`, { override_reason: 'Thành tích tiêu biểu được Hội đồng thống nhất.' }, { 'If-Match': `"${n.version}"` });
  }

  test('an ad hoc round opened with its reason awards a commune Giấy khen', async () => {
    const officer = await apiAs(app, 'vhxh');
    // One round and teacher at 1280 px, another on a phone.
    const cases = [
      [1280, 'TH-TT-07', '150/QĐ-UBND'],
      [360, 'TH-TT-05', '151/QĐ-UBND'],
    ];
    for (const [width, staffCode, decisionNumber] of cases) {
      const viewport = { width, height: 800 };
      const teacher = (await officer('GET', `/staff?q=${staffCode}`)).items[0].full_name;
      let roundId;
      await withPage(app, `ad-hoc-round-${width}`, { viewport }, async (page) => {
        await login(page, 'vhxh');
        await page.goto('/awards/rounds/new');
        await page.getByLabel('Loại đợt').selectOption('ad_hoc');
        await page.getByLabel('Ngày bắt đầu nhận đề nghị').fill(iso());
        await page.getByLabel('Hạn nhận đề nghị').fill(iso(7));
        // The commune's certificates are offered; the province's Bằng khen is not.
        await page.getByRole('checkbox', { name: /GK-XA-CN/ }).waitFor();
        await eventually(() => page.getByRole('checkbox', { name: /BK-TINH/ }).count(), 0, 'no province award in an ad hoc round');
        await page.getByRole('button', { name: 'Mở đợt' }).click();
        await page.locator('#reason-error').waitFor(); // the reason is required: the field says so
        await page.getByLabel('Thành tích đột xuất được khen thưởng').fill(EXPLOIT);
        await page.getByRole('button', { name: 'Mở đợt' }).click();
        await page.waitForURL(/\/awards\/rounds\/\d+$/);
        roundId = Number(new URL(page.url()).pathname.split('/').pop());
        await page.getByText(EXPLOIT).waitFor();
        await page.getByText('Khen thưởng đột xuất', { exact: true }).first().waitFor();
        await noHorizontalScroll(page, width);
      });

      let nominationUrl;
      await withPage(app, `ad-hoc-nominate-${width}`, { viewport }, async (page) => {
        await login(page, 'hieutruong.th');
        await page.goto('/awards/nominations/new');
        const rounds = page.getByLabel('Đợt khen thưởng');
        await rounds.locator(`option[value="${roundId}"]`).waitFor({ state: 'attached' });
        await rounds.selectOption(String(roundId));
        await page.getByLabel('Hình thức khen thưởng').selectOption('GK-XA-CN');
        const staff = page.getByLabel('Cán bộ', { exact: true });
        await staff.locator('option', { hasText: teacher }).waitFor({ state: 'attached' });
        const label = await eventually(() => staff.locator('option', { hasText: teacher }).innerText(), (t) => t.includes(teacher), 'the teacher');
        await staff.selectOption({ label: label.trim() });
        await page.getByText('Đủ điều kiện', { exact: true }).waitFor(); // no scorecard asked for an exceptional deed
        await page.getByLabel('Tóm tắt thành tích').fill(EXPLOIT);
        await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
        await page.waitForURL(/\/awards\/nominations\/\d+$/);
        nominationUrl = new URL(page.url()).pathname;
        await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
        await page.getByText('Đã gửi đề nghị', { exact: true }).first().waitFor();
      });

      const nominationId = Number(nominationUrl.split('/').pop());
      await reviewAndApprove(nominationId, roundId);
      const draft = await officer('POST', '/award-decisions', {
        round_id: roundId,
        level: 'commune',
        number: decisionNumber,
        signed_on: iso(),
        signer_name: 'Trần Văn Thành',
        signer_title: 'Chủ tịch',
        nomination_ids: [nominationId],
      });
      const leader = await apiAs(app, 'chutich');
      await leader('POST', `/award-decisions/${draft.id}/issue`, null, { 'If-Match': `"${draft.version}"` });

      await withPage(app, `ad-hoc-public-${width}`, { viewport }, async (page) => {
        await page.goto('/bang-vang');
        const row = page.getByLabel('Bảng vàng').locator('tr').filter({ hasText: teacher });
        await eventually(() => row.first().innerText(), (t) => t.includes(decisionNumber), 'the ad hoc award on the honour board');
      });
    }
  });

  test('a school proposes itself for the province and the officer records the province decision', async () => {
    const officer = await apiAs(app, 'vhxh');
    const review = await officer('POST', '/award-rounds', {
      kind: 'preliminary',
      opens_on: iso(),
      closes_on: iso(9),
      award_type_codes: ['BK-TINH-TT', 'GK-XA-TT'],
    });
    assert.equal(review.name, 'Sơ kết giai đoạn 2025-2027');
    // Two schools, the second one (and the officer answering for it) on a phone.
    const cases = [
      [1280, 'hieutruong.th', '60/TTr-UBND', '2100/QĐ-UBND'],
      [360, 'hieutruong.thdx', '61/TTr-UBND', '2101/QĐ-UBND'],
    ];
    for (const [width, principalLogin, proposalNumber, provinceNumber] of cases) {
      const viewport = { width, height: 800 };
      const principal = await apiAs(app, principalLogin);
      const me = await principal('GET', '/auth/me');

      let nominationUrl;
      let schoolName;
      await withPage(app, `province-nominate-${width}`, { acceptDownloads: true, viewport }, async (page) => {
        await login(page, principalLogin);
        await page.goto('/awards/nominations/new');
        const rounds = page.getByLabel('Đợt khen thưởng');
        await rounds.locator(`option[value="${review.id}"]`).waitFor({ state: 'attached' });
        await rounds.selectOption(String(review.id));
        await page.getByLabel('Hình thức khen thưởng').selectOption('BK-TINH-TT');
        const unit = page.getByLabel('Đơn vị', { exact: true });
        await unit.locator(`option[value="${me.unit_id}"]`).waitFor({ state: 'attached' });
        await unit.selectOption(String(me.unit_id));
        schoolName = (await eventually(() => unit.locator(`option[value="${me.unit_id}"]`).innerText(), (t) => t.trim().length > 0, 'the school')).trim();
        await page.getByLabel('Tóm tắt thành tích').fill('Nhà trường dẫn đầu xã về chuyển đổi số trong dạy học giai đoạn 2025-2027.');
        await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
        await page.waitForURL(/\/awards\/nominations\/\d+$/);
        nominationUrl = new URL(page.url()).pathname;
        // The nominee's achievement report, generated from the system's data, as an editable DOCX.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Tải báo cáo thành tích (DOCX)' }).click(),
        ]);
        assert.equal(readFileSync(await download.path()).subarray(0, 2).toString(), 'PK');
        assert.match(download.suggestedFilename(), /^bao-cao-thanh-tich-.*\.docx$/);
        await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
        await page.getByText('Đã gửi đề nghị', { exact: true }).first().waitFor();
        await noHorizontalScroll(page, width);
      });

      const nominationId = Number(nominationUrl.split('/').pop());
      await reviewAndApprove(nominationId, review.id);
      const draft = await officer('POST', '/award-decisions', {
        round_id: review.id,
        kind: 'proposal',
        level: 'province',
        number: proposalNumber,
        signed_on: iso(),
        signer_name: 'Trần Văn Thành',
        signer_title: 'Chủ tịch',
        nomination_ids: [nominationId],
      });
      const leader = await apiAs(app, 'chutich');
      await leader('POST', `/award-decisions/${draft.id}/issue`, null, { 'If-Match': `"${draft.version}"` });

      await withPage(app, `province-answer-${width}`, { acceptDownloads: true, viewport }, async (page) => {
        await login(page, 'vhxh');
        await page.goto(`/awards/decisions/${draft.id}`);
        // the hồ sơ is built by the job queue (issue 19.1): the button starts it, the link downloads it
        const zipName = `ho-so-de-nghi-${proposalNumber.replaceAll('/', '-')}.zip`;
        await page.getByRole('button', { name: 'Tạo hồ sơ đề nghị (ZIP)' }).click();
        const link = page.getByRole('link', { name: `Tải ${zipName}` });
        await link.waitFor();
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        assert.equal(readFileSync(await download.path()).subarray(0, 2).toString(), 'PK');
        assert.equal(download.suggestedFilename(), zipName);
        await page.getByLabel('Số quyết định của tỉnh').fill(provinceNumber);
        const issuer = page.getByLabel('Người ký quyết định của tỉnh');
        await eventually(() => issuer.inputValue(), 'Chủ tịch UBND tỉnh Phú Thọ', 'the default issuer');
        await page.getByRole('button', { name: 'Lưu kết quả' }).click();
        await page.getByText('Người ký: Chủ tịch UBND tỉnh Phú Thọ').waitFor();
        await page.locator('tr').filter({ hasText: schoolName }).getByText('Đã có quyết định').waitFor();
        await noHorizontalScroll(page, width);
      });

      await withPage(app, `province-public-${width}`, { viewport }, async (page) => {
        await page.goto('/bang-vang');
        const row = page.getByLabel('Bảng vàng').locator('tr').filter({ hasText: provinceNumber });
        await eventually(
          () => row.first().innerText(),
          (t) => t.includes(schoolName) && t.includes('Bằng khen của Chủ tịch UBND tỉnh') && !t.includes('(đề nghị)'),
          'the province award on the honour board, by its real name',
        );
      });
    }
  });

  test('the public criteria page needs no sign-in', async () => {
    for (const width of [1280, 360])
    await withPage(app, `criteria-${width}`, { viewport: { width, height: 800 } }, async (page) => {
      await page.goto('/bang-vang');
      await page.getByRole('navigation').getByRole('link', { name: 'Tiêu chí khen thưởng' }).click();
      await page.getByRole('heading', { name: 'Tiêu chí khen thưởng', level: 1 }).waitFor();
      const conditions = page.getByRole('list', { name: 'Điều kiện của Bằng khen của Chủ tịch UBND tỉnh' }).first();
      await eventually(() => conditions.innerText(), /Giấy khen của Chủ tịch UBND xã \(GK-XA-TT\)/, 'a condition in words');
      await page.getByRole('heading', { name: 'Bộ tiêu chí chấm điểm' }).waitFor();
      const timetable = page.getByRole('table', { name: 'Lịch các đợt khen thưởng' });
      await eventually(() => timetable.innerText(), (t) => t.includes('Khen thưởng đột xuất') && !t.includes(EXPLOIT), 'the timetable, without the reason');
      await noHorizontalScroll(page, width);
    });
  });

  test('the officer sets a new base salary with its effective date', async () => {
    await withPage(app, 'base-salary', {}, async (page) => {
      await login(page, 'vhxh');
      await page.goto('/awards/cash');
      await page.getByLabel('Áp dụng từ ngày').fill('2030-07-01');
      await page.getByLabel('Mức lương cơ sở (đồng)').fill('2.530.000');
      await page.getByLabel('Văn bản quy định').fill('Nghị định số 99/2030/NĐ-CP');
      await page.getByRole('button', { name: 'Lưu mức lương cơ sở' }).click();
      await page.getByText('Đã lưu mức lương cơ sở.').waitFor();
      const row = page.getByTestId('base-salaries').getByRole('row').filter({ hasText: '1/7/2030' });
      await eventually(() => row.innerText(), (t) => t.includes('2.530.000 đ'), 'the new base salary');
    });
  });
});
