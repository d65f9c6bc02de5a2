// Awards end to end: a school nominates one teacher who fails a rule (and sees why) and one who passes,
// the council's vote is recorded, the commune leader approves, the decision is issued, the honour board
// shows the awardee without logging in, and the certificate downloads and verifies; Phòng Kinh tế sees the
// decision's cash reward.
// Imported by app.e2e.test.mjs; a fresh app of its own.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, describeWithApp, eventually, login, openMenu, withPage } from './harness.mjs';

const today = () => new Date().toISOString().slice(0, 10);

describeWithApp('Awards in the browser', (app) => {
  async function api(username) {
    const res = await fetch(`${app.baseURL}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password: PASSWORD, scope: '' }).toString(),
    });
    const { access_token } = await res.json();
    const headers = { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' };
    return {
      get: async (path) => (await fetch(`${app.baseURL}/api/v1${path}`, { headers })).json(),
      post: async (path, body) => {
        const r = await fetch(`${app.baseURL}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
        const text = await r.text();
        assert.ok(r.ok, text);
        return JSON.parse(text);
      },
    };
  }
  const nav = (page, name) => openMenu(page, name);
  /** The label of the option of `select` that names `person`. */
  const optionLabel = async (select, person) => {
    const option = select.locator('option', { hasText: person });
    return (await eventually(() => option.innerText(), (t) => t.includes(person), `the option for ${person}`)).trim();
  };

  test('nominate, review, approve, issue, then the public honour board and certificate check', async () => {
    const officer = await api('vhxh');
    const staffName = async (code) => (await officer.get(`/staff?q=${code}`)).items[0].full_name;
    const flagged = await staffName('TH-TT-06'); // open reprimand in the demo: fails one rule
    const awardee = await staffName('TH-TT-05'); // passes every rule
    let nominationUrl;

    await withPage(app, 'awards-nominate', {}, async (page) => {
      await login(page, 'hieutruong.th');
      await nav(page, 'Đề nghị khen thưởng');
      await page.getByRole('heading', { name: 'Đề nghị khen thưởng', level: 1 }).waitFor();
      await page.goto('/awards/nominations/new');
      const round = page.getByLabel('Đợt khen thưởng');
      await round.locator('option').nth(1).waitFor({ state: 'attached' });
      await page.getByLabel('Hình thức khen thưởng').selectOption('GK-XA-CN');
      const staff = page.getByLabel('Cán bộ', { exact: true });
      await staff.locator('option', { hasText: flagged }).waitFor({ state: 'attached' });
      await staff.selectOption({ label: await optionLabel(staff, flagged) });
      const checklist = page.getByRole('list', { name: 'Điều kiện khen thưởng' });
      await checklist.getByText('Đang có 1 hình thức kỷ luật chưa khép lại.').waitFor();
      await page.getByText('Chưa đủ điều kiện', { exact: true }).waitFor();
      await page.getByLabel('Tóm tắt thành tích').fill('Giáo viên tích cực ứng dụng công nghệ số trong giảng dạy.');
      await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
      await page.waitForURL(/\/awards\/nominations\/\d+$/);
      await page.getByText('Đang có 1 hình thức kỷ luật chưa khép lại.').waitFor();

      await page.goto('/awards/nominations/new');
      await page.getByLabel('Đợt khen thưởng').locator('option').nth(1).waitFor({ state: 'attached' });
      await page.getByLabel('Hình thức khen thưởng').selectOption('GK-XA-CN');
      await staff.locator('option', { hasText: awardee }).waitFor({ state: 'attached' });
      await staff.selectOption({ label: await optionLabel(staff, awardee) });
      await page.getByText('Đủ điều kiện', { exact: true }).waitFor();
      await page.getByLabel('Tóm tắt thành tích').fill('Xây dựng kho học liệu số dùng chung cho tổ chuyên môn.');
      await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
      await page.waitForURL(/\/awards\/nominations\/\d+$/);
      nominationUrl = new URL(page.url()).pathname;
      await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
      await page.getByText('Đã gửi đề nghị', { exact: true }).first().waitFor();
    });

    const rounds = await officer.get('/award-rounds');
    const roundId = rounds.items[0].id;
    await officer.post('/council-meetings', {
      round_id: roundId,
      held_on: today(),
      location: 'Hội trường UBND xã',
      chair: 'Nguyễn Văn Chủ',
      secretary: 'Lê Thị Thư',
      members_present: ['Nguyễn Văn Chủ', 'Lê Thị Thư', 'Trần Văn Ủy', 'Phạm Thị Viên', 'Hoàng Văn Bảy'],
      members_total: 7,
    });

    await withPage(app, 'awards-review', {}, async (page) => {
      await login(page, 'vhxh');
      await page.goto(nominationUrl);
      const meeting = page.getByLabel('Phiên họp Hội đồng');
      await meeting.locator('option').nth(1).waitFor({ state: 'attached' });
      await meeting.selectOption({ index: 1 });
      await page.getByLabel('Số phiếu đồng ý').fill('5');
      await page.getByLabel('Số phiếu biểu quyết').fill('5');
      await page.getByRole('button', { name: 'Ghi kết quả Hội đồng' }).click();
      await page.getByText('Hội đồng đã xét', { exact: true }).first().waitFor();
    });

    await withPage(app, 'awards-approve', {}, async (page) => {
      await login(page, 'chutich');
      await nav(page, 'Hàng chờ phê duyệt');
      await page.getByRole('link', { name: awardee }).first().click();
      await page.waitForURL(nominationUrl);
      await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
      await page.getByText('Đã phê duyệt', { exact: true }).first().waitFor();
    });

    let decisionUrl;
    await withPage(app, 'awards-decision', {}, async (page) => {
      await login(page, 'vhxh');
      await page.goto('/awards/decisions/new');
      const round = page.getByLabel('Đợt khen thưởng');
      await round.locator('option').nth(1).waitFor({ state: 'attached' });
      await round.selectOption(String(roundId));
      await page.getByLabel('Cấp khen thưởng').selectOption('commune');
      await page.getByLabel('Số văn bản').fill('125/QĐ-UBND');
      await page.getByLabel('Ngày ký').fill(today());
      await page.getByLabel('Họ tên người ký').fill('Hoàng Văn Xã');
      await page.getByLabel('Chức vụ người ký').fill('Chủ tịch');
      await page.getByRole('checkbox', { name: new RegExp(awardee) }).check();
      await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
      await page.waitForURL(/\/awards\/decisions\/\d+$/);
      decisionUrl = new URL(page.url()).pathname;
    });

    let code;
    await withPage(app, 'awards-issue', { acceptDownloads: true }, async (page) => {
      await login(page, 'chutich');
      await page.goto(decisionUrl);
      await page.getByRole('button', { name: 'Ban hành' }).click();
      await page.getByRole('button', { name: 'Ban hành' }).click(); // the confirmation
      await page.getByText('Đã ban hành', { exact: true }).first().waitFor();
      const row = page.getByRole('row').filter({ hasText: awardee });
      const certificate = /TD-[A-Z0-9]{8}/;
      code = (await eventually(() => row.innerText(), certificate, 'the certificate code in the row')).match(certificate)[0];
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('button', { name: /Tải giấy khen/ }).click(),
      ]);
      const pdf = readFileSync(await download.path());
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.match(download.suggestedFilename(), /\.pdf$/);
    });

    // Phòng Kinh tế: the cash reward of the issued decision (Giấy khen 0,15 × 2.340.000 đ rounded up
    // to the ten thousand: 360.000 đ), per round and per decision, and the XLSX export. The grand total
    // adds the demo's decision 98/QĐ-UBND (a school's Giấy khen, 0,3 × 2.340.000 đ: 710.000 đ).
    await withPage(app, 'awards-cash', { acceptDownloads: true }, async (page) => {
      await login(page, 'kinhte');
      await nav(page, 'Tiền thưởng');
      await page.getByRole('heading', { name: 'Tiền thưởng', level: 1 }).waitFor();
      await eventually(() => page.getByTestId('cash-grand-total').innerText(), (t) => t.trim() === '1.070.000 đ', 'the grand total');
      const row = page.getByTestId('cash-by-decision').getByRole('row').filter({ hasText: '125/QĐ-UBND' });
      await eventually(() => row.innerText(), (t) => t.includes('2.340.000 đ') && t.includes('360.000 đ'), 'the decision row');
      await page.getByTestId('base-salaries').getByRole('row').filter({ hasText: '1/7/2024' }).getByText('2.340.000 đ').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Tải bảng tiền thưởng (XLSX)' }).click(),
      ]);
      assert.equal(readFileSync(await download.path()).subarray(0, 2).toString(), 'PK');
      assert.equal(download.suggestedFilename(), 'tien-thuong.xlsx');
    });

    await withPage(app, 'awards-public', {}, async (page) => {
      await page.goto('/bang-vang');
      const board = page.getByLabel('Bảng vàng');
      await board.getByText(awardee).first().waitFor();
      await eventually(() => board.getByText(flagged).count(), 0, 'the teacher who fails a rule is not on the board');
      await page.goto(`/xac-thuc/${code}`);
      await page.getByRole('heading', { name: 'Giấy khen hợp lệ' }).waitFor();
      await page.getByText(awardee).first().waitFor();
      await page.getByText('125/QĐ-UBND').first().waitFor();
      await page.goto('/xac-thuc/TD-KHONGCO1');
      await page.getByText('Không tìm thấy giấy khen với mã này').waitFor();
    });
  });
});
