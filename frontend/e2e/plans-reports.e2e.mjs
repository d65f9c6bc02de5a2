// Plans (write, submit, return, resubmit, approve, versions) and reports (request, answer, consolidated DOCX).
// Imported by app.e2e.test.mjs; a second app of its own (fresh database) so the other suites are not disturbed.
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { PASSWORD, apiAs, describeWithApp, eventually, login, noHorizontalScroll, openMenu, withPage } from './harness.mjs';

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const dmy = (iso) => iso.split('-').reverse().map((x, i) => (i < 2 ? String(Number(x)) : x)).join('/');

describeWithApp('Plans and reports in the browser', (app) => {
  const school = 'Trường THCS Thanh Thủy';
  const nav = (page, name) => openMenu(page, name);
  /** A change made elsewhere (the JSON API as `username`), for the 412 check. */
  async function patchAs(username, path, body) {
    const res = await fetch(`${app.baseURL}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password: PASSWORD, scope: '' }).toString(),
    });
    const { access_token } = await res.json();
    const auth = { Authorization: `Bearer ${access_token}` };
    const current = await (await fetch(`${app.baseURL}/api/v1${path}`, { headers: auth })).json();
    const r = await fetch(`${app.baseURL}/api/v1${path}`, {
      method: 'PATCH',
      headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': `"${current.version}"` },
      body: JSON.stringify(body),
    });
    assert.equal(r.status, 200, await r.text());
  }
  const status = (page, text) => page.getByRole('status').filter({ hasText: text }).waitFor();

  test('a school writes its plan, the commune returns it, the school resubmits, the commune approves', async () => {
    const title = 'Kế hoạch thực hiện Phong trào thi đua chuyển đổi số năm học 2025-2026';
    const task = 'Tập huấn kỹ năng số cho giáo viên';
    const comment = 'Đề nghị bổ sung mục tiêu về tỷ lệ giáo viên được bồi dưỡng.';
    let planUrl;

    await withPage(app, 'plan-write', {}, async (page) => {
      await login(page, 'hieutruong.thcs');
      await nav(page, 'Kế hoạch');
      await page.getByRole('heading', { name: 'Kế hoạch', level: 1 }).waitFor();
      // the commune's plan is visible to everyone; the school acknowledges receiving it with one
      // button: the date is the server's and there is no field to type or edit it
      const communeRow = page.getByRole('row').filter({ hasText: 'Kế hoạch của xã' }).first();
      await communeRow.getByRole('link').first().click();
      await page.getByText('12/KH-UBND').first().waitFor();
      const acknowledge = page.getByRole('button', { name: 'Xác nhận đã nhận kế hoạch' });
      await acknowledge.waitFor();
      await eventually(() => page.locator('input[type="date"]').count(), 0, 'no date field to type the receipt');
      await acknowledge.click();
      await status(page, 'Đã xác nhận nhận kế hoạch.');
      const receipts = page.getByRole('region', { name: 'Gửi và nhận kế hoạch' });
      await receipts.getByRole('row').filter({ hasText: school }).filter({ hasText: `${dmy(day(0))} (đơn vị xác nhận)` }).waitFor();
      await eventually(() => acknowledge.count(), 0, 'acknowledged once, no button to do it again');
      await eventually(() => page.locator('input[type="date"]').count(), 0, 'still no date field');

      await nav(page, 'Kế hoạch');
      await page.getByRole('link', { name: 'Xây dựng kế hoạch của đơn vị' }).click();
      await page.getByLabel('Số, ký hiệu').fill('15/KH-THCSTT');
      await page.getByLabel('Tên kế hoạch').fill(title);
      await eventually(() => page.getByLabel('Ngày nhận kế hoạch của xã').count(), 0, 'the school cannot type the date');
      await page.getByRole('button', { name: 'Tạo mới' }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      planUrl = await eventually(() => new URL(page.url()).pathname, /^\/plans\/\d+$/, 'the address of the new plan');
      await page.getByText(dmy(day(30))).first().waitFor(); // due date = recorded receipt (today) + 30 days
      await page.getByText('Trong hạn · còn 30 ngày').first().waitFor();

      await page.getByLabel('Mục tiêu', { exact: true }).fill('Nâng cao năng lực số của cán bộ, giáo viên.');
      await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
      const indicator = page.getByLabel('Tiêu chí', { exact: true });
      await indicator.locator('option').nth(1).waitFor({ state: 'attached' });
      await indicator.selectOption({ index: 1 });
      await page.getByLabel('Giá trị chỉ tiêu').fill('90');
      await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
      // an incomplete task: the 422 errors (body.content.tasks.0.*) are shown at its fields
      await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
      await page.locator('#task-0-title-error').waitFor();
      await page.locator('#task-0-due-error').waitFor();
      const taskTitle = page.getByLabel('Tên nhiệm vụ');
      await eventually(() => taskTitle.getAttribute('aria-invalid'), 'true', 'the task title is marked invalid');
      await page.getByLabel('Tên nhiệm vụ').fill(task);
      const owner = page.getByLabel('Người/tổ phụ trách');
      await owner.locator('option').nth(1).waitFor({ state: 'attached' });
      await owner.selectOption({ index: 1 });
      await page.getByLabel('Ngày bắt đầu').fill(day(0));
      await page.getByLabel('Hạn hoàn thành').fill(day(20));
      await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
      await status(page, 'Đã lưu kế hoạch.');
      // the month view lists the task under the month of its due date
      const [y, m] = day(20).split('-');
      await page.getByRole('region', { name: `Tháng ${m}/${y}` }).getByText(task).waitFor();

      // budget: the total in VND with thousands separators
      await page.getByRole('button', { name: 'Thêm khoản kinh phí' }).click();
      await page.getByLabel('Nguồn kinh phí').selectOption('socialisation');
      await page.getByLabel('Số tiền (đồng)').fill('1500000');
      await page.getByLabel('Nội dung chi', { exact: true }).fill('Mua máy chiếu');
      await page.getByRole('button', { name: 'Lưu kinh phí' }).click();
      await status(page, 'Đã lưu kinh phí.');
      await page.getByText('Tổng kinh phí: 1.500.000 ₫').waitFor();

      await page.getByRole('button', { name: 'Gửi kế hoạch' }).click();
      await status(page, 'Đã gửi kế hoạch.');
      await page.getByText('Đã gửi, chờ xem xét').first().waitFor();
      const save = page.getByRole('button', { name: 'Lưu kế hoạch' });
      await eventually(() => save.count(), 0, 'no save button on a submitted plan');
    });

    await withPage(app, 'plan-return', {}, async (page) => {
      await login(page, 'vhxh');
      await nav(page, 'Theo dõi kế hoạch');
      const row = page.getByRole('row').filter({ hasText: 'THCS-TT' });
      await row.getByText('Đã gửi, chờ xem xét').waitFor();
      await row.getByRole('link', { name: school }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByLabel('Ý kiến khi trả lại').fill(comment);
      await page.getByRole('button', { name: 'Trả lại' }).click();
      await status(page, 'Đã trả lại kế hoạch.');
    });

    await withPage(app, 'plan-resubmit', {}, async (page) => {
      await login(page, 'hieutruong.thcs');
      await page.goto(planUrl);
      await page.getByRole('note').getByText(comment).waitFor();
      // a change made elsewhere meanwhile: saving answers 412, the message is shown and the plan reloads
      await patchAs('hieutruong.thcs', planUrl, { number: '15b/KH-THCSTT' });
      await page.getByLabel('Mục tiêu', { exact: true }).fill('Thay đổi sẽ bị từ chối');
      await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
      await page.getByRole('alert').getByText(/người khác thay đổi/).waitFor();
      await page.waitForFunction(() => document.querySelector('#number')?.value === '15b/KH-THCSTT');
      await page.getByLabel('Mục tiêu', { exact: true }).fill('Nâng cao năng lực số; 90% giáo viên được bồi dưỡng kỹ năng số.');
      await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
      await status(page, 'Đã lưu kế hoạch.');
      await page.getByRole('button', { name: 'Gửi kế hoạch' }).click();
      await status(page, 'Đã gửi kế hoạch.');
    });

    await withPage(app, 'plan-approve', {}, async (page) => {
      await login(page, 'vhxh');
      await page.goto(planUrl);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Phê duyệt' }).click();
      await status(page, 'Đã phê duyệt kế hoạch.');
      const versions = page.locator('table.plan-versions tbody tr');
      await eventually(() => versions.count(), 4, 'rows of the versions table');
      const events = versions.locator('td:nth-child(2)');
      await eventually(() => events.allInnerTexts(), ['Gửi', 'Trả lại', 'Gửi', 'Phê duyệt'], 'the events of the versions');
      await eventually(() => versions.nth(1).innerText(), /bổ sung mục tiêu/, 'the return comment in the versions table');
      // compare the first submission with the second one
      await page.getByLabel('Phiên bản trước').selectOption('1');
      await page.getByLabel('Phiên bản sau').selectOption('3');
      const objectives = page.locator('table.compare tr').filter({ hasText: 'Mục tiêu' });
      await eventually(() => objectives.innerText(), /90% giáo viên/, 'the objectives in the comparison');
      const changed = page.locator('table.compare tr.diff-changed').first();
      await eventually(() => changed.innerText(), /Mục tiêu/, 'the first changed row of the comparison');
    });

    await withPage(app, 'plan-progress', { viewport: { width: 360, height: 800 } }, async (page) => {
      // after approval the school records the task's progress, on a phone
      await login(page, 'hieutruong.thcs');
      await page.goto(planUrl);
      await page.getByRole('heading', { name: 'Cập nhật tiến độ nhiệm vụ' }).waitFor();
      await page.getByLabel('Tình trạng').selectOption('done');
      await page.getByLabel('Liên kết minh chứng').fill('ổ đĩa chung');
      await page.getByRole('button', { name: 'Lưu tiến độ' }).click();
      await page.locator('#progress-links-error').waitFor(); // not a link
      await page.getByLabel('Liên kết minh chứng').fill('https://drive.example.vn/tap-huan');
      await page.getByRole('button', { name: 'Lưu tiến độ' }).click();
      await page.locator('#progress-done-error').waitFor(); // done needs its done date
      await page.getByLabel('Ngày hoàn thành').fill(day(0));
      await page.getByLabel('Kết quả thực hiện').fill('100% giáo viên đã tham gia tập huấn');
      await page.getByRole('button', { name: 'Lưu tiến độ' }).click();
      await status(page, 'Đã lưu tiến độ nhiệm vụ.');
      const row = page.getByRole('row').filter({ hasText: task }).filter({ hasText: 'đã tham gia tập huấn' });
      await row.getByText('100%', { exact: true }).waitFor();
      await row.getByRole('link', { name: 'Minh chứng' }).waitFor();

      // an adjustment (điều chỉnh, bổ sung): a new version with its reason, sent for review
      await page.getByRole('button', { name: 'Điều chỉnh kế hoạch' }).click();
      await page.getByLabel('Giải pháp').fill('Bồi dưỡng theo cụm trường, giáo viên cốt cán hỗ trợ.');
      await page.getByRole('button', { name: 'Gửi bản điều chỉnh' }).click();
      await page.locator('#adjust-reason-error').waitFor(); // the reason is required
      await page.getByLabel('Lý do điều chỉnh').fill('Bổ sung giải pháp theo góp ý của xã');
      await page.getByRole('button', { name: 'Gửi bản điều chỉnh' }).click();
      await status(page, 'Đã gửi bản điều chỉnh.');
      await page.getByRole('note').getByText('Bổ sung giải pháp theo góp ý của xã').waitFor();
    });

    await withPage(app, 'plan-adjustment', {}, async (page) => {
      await login(page, 'vhxh');
      await page.goto(planUrl);
      await page.getByRole('note').getByText('Bổ sung giải pháp theo góp ý của xã').waitFor();
      await page.getByRole('button', { name: 'Duyệt bản điều chỉnh' }).click();
      await status(page, 'Đã duyệt bản điều chỉnh.');
      // the adjusted version is now in force; the history shows both
      await page.getByText('Bồi dưỡng theo cụm trường, giáo viên cốt cán hỗ trợ.').first().waitFor();
      const events = page.locator('table.plan-versions tbody tr td:nth-child(2)');
      await eventually(() => events.count(), 6, 'rows of the versions table');
    });
  });

  test('a head of school acknowledges the commune plan on a phone (360 px), with no date to type', async () => {
    // THCS Đào Xá has not acknowledged in the demo; the administrator gives its head a login (setup).
    const admin = await apiAs(app, 'admin');
    const officer = await apiAs(app, 'vhxh');
    const unit = (await admin('GET', '/units?q=THCS-DX')).items.find((u) => u.code === 'THCS-DX');
    const password = 'Mat-khau-Manh-2026!';
    await admin('POST', '/users', { login: 'hieutruong.thcsdx', full_name: 'Lê Văn Đào', password, roles: ['unit_manager'], unit_id: unit.id });
    const plan = (await officer('GET', '/plans?kind=commune')).items[0];
    const before = (await officer('GET', `/plans/${plan.id}/dispatches`)).find((d) => d.unit_id === unit.id);
    assert.equal(before.received_on, null);
    await withPage(app, 'plan-acknowledge-360', { viewport: { width: 360, height: 800 } }, async (page) => {
      await login(page, 'hieutruong.thcsdx', password);
      await page.goto(`/plans/${plan.id}`);
      await page.getByText('12/KH-UBND').first().waitFor();
      const acknowledge = page.getByRole('button', { name: 'Xác nhận đã nhận kế hoạch' });
      await acknowledge.waitFor();
      await eventually(() => page.locator('input[type="date"]').count(), 0, 'no date field to type the receipt');
      await acknowledge.click();
      await status(page, 'Đã xác nhận nhận kế hoạch.');
      await eventually(() => acknowledge.count(), 0, 'acknowledged once, no button to do it again');
      await eventually(() => page.locator('input[type="date"]').count(), 0, 'still no date field');
      await noHorizontalScroll(page, 360);
    });
    const after_ = (await officer('GET', `/plans/${plan.id}/dispatches`)).find((d) => d.unit_id === unit.id);
    assert.equal(after_.received_on, day(0));
    assert.equal(after_.received_source, 'app');
  });

  test('a head of school records the progress of the demo’s approved plan at 1280 px; the commune sees it', async () => {
    // Tiểu học Thanh Thủy's plan was approved in the demo (hieutruong.th); the phone case is above.
    const head = await apiAs(app, 'hieutruong.th');
    const officer = await apiAs(app, 'vhxh');
    const plan = (await head('GET', '/plans?kind=unit&status=approved')).items[0];
    const full = await head('GET', `/plans/${plan.id}`);
    const task = full.content.tasks.find((t) => !t.done_date); // a task still under way
    const note = 'Đã triển khai cho 2/3 khối lớp.';
    await withPage(app, 'plan-progress-1280', { viewport: { width: 1280, height: 800 } }, async (page) => {
      await login(page, 'hieutruong.th');
      await page.goto(`/plans/${plan.id}`);
      await page.getByRole('heading', { name: 'Cập nhật tiến độ nhiệm vụ' }).waitFor();
      await page.getByLabel('Tên nhiệm vụ', { exact: true }).selectOption({ label: task.title });
      await page.getByLabel('Tình trạng').selectOption('in_progress');
      await page.getByLabel('Tiến độ (%)').fill('60');
      await page.getByLabel('Kết quả thực hiện').fill(note);
      await page.getByRole('button', { name: 'Lưu tiến độ' }).click();
      await status(page, 'Đã lưu tiến độ nhiệm vụ.');
      const row = page.getByRole('row').filter({ hasText: task.title }).filter({ hasText: note });
      await row.getByText('60%', { exact: true }).waitFor();
    });
    const seen = (await officer('GET', `/plans/${plan.id}`)).content.tasks.find((t) => t.title === task.title);
    assert.equal(seen.progress_percent, 60);
    assert.equal(seen.result_note, note);
  });

  test('the commune requests a report, the school answers it, the commune downloads the DOCX', async () => {
    const title = 'Báo cáo kết quả thực hiện Phong trào quý IV năm 2026';
    let requestUrl;

    await withPage(app, 'report-request', {}, async (page) => {
      await login(page, 'vhxh');
      await nav(page, 'Báo cáo');
      await page.getByRole('link', { name: 'Yêu cầu báo cáo' }).click();
      await page.getByLabel('Loại báo cáo').selectOption('quarter');
      await page.getByLabel('Tên báo cáo').fill(title);
      await page.getByLabel('Kỳ báo cáo').fill('Quý IV/2026');
      await page.getByLabel('Hạn nộp').fill(day(5));
      await page.getByLabel(school).check();
      await page.getByRole('button', { name: 'Gửi yêu cầu báo cáo' }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      requestUrl = new URL(page.url()).pathname;
      await page.getByRole('row').filter({ hasText: 'THCS-TT' }).getByText('Chưa lập').waitFor();
    });

    await withPage(app, 'report-answer', {}, async (page) => {
      await login(page, 'hieutruong.thcs');
      // the request is on the school's to-do list
      await page.getByRole('link', { name: /^Việc cần làm/ }).click();
      await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
      await page.getByRole('link', { name: `Nộp báo cáo: ${title}` }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Lập báo cáo' }).click();
      await page.getByRole('heading', { name: `Báo cáo của ${school}`, level: 1 }).waitFor();
      await page.getByText('Số liệu từ hệ thống').waitFor();
      await page.getByRole('button', { name: 'Cập nhật số liệu' }).click();
      await status(page, 'Đã cập nhật số liệu.');
      await page.getByLabel('Kết quả thực hiện').fill('Tổ chức 2 lớp bồi dưỡng kỹ năng số cho 40 giáo viên.');
      await page.getByLabel('Khó khăn, vướng mắc').fill('Thiết bị trình chiếu còn thiếu.');
      await page.getByLabel('Đề xuất, kiến nghị').fill('Đề nghị hỗ trợ 02 máy chiếu.');
      await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
      await status(page, 'Đã nộp báo cáo.');
      const submit = page.getByRole('button', { name: 'Nộp báo cáo' });
      await eventually(() => submit.count(), 0, 'no submit button on a submitted report');
    });

    await withPage(app, 'report-consolidated', { acceptDownloads: true }, async (page) => {
      await login(page, 'vhxh');
      await page.goto(requestUrl);
      await page.getByRole('row').filter({ hasText: 'THCS-TT' }).getByText('Đã nộp').waitFor();
      await page.getByText('Đề nghị hỗ trợ 02 máy chiếu.').waitFor();
      // a decision is signed by a named person: without the signer the form says so by its label
      await page.getByRole('button', { name: 'Tải bản dự thảo (DOCX)' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Người ký' });
      await alert.waitFor();
      await eventually(() => alert.innerText(), (s) => !/signer/.test(s), 'the field by its label, not its API name');
      await page.getByLabel('Người ký', { exact: true }).fill('Trần Văn Bình');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Tải bản dự thảo (DOCX)' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /\.docx$/);
      const file = path.join(os.tmpdir(), `thidua-e2e-${Date.now()}.docx`);
      await download.saveAs(file);
      assert.ok(statSync(file).size > 0, 'the DOCX is not empty');

      // issued: numbered, signed, its figures frozen, recorded as sent to the Sở
      await page.getByText('Chưa ban hành.', { exact: false }).waitFor();
      await page.getByLabel('Số văn bản').fill('15');
      await page.getByRole('button', { name: 'Ban hành và gửi Sở GDĐT' }).click();
      await status(page, 'Đã ban hành báo cáo số 15/BC-UBND và ghi nhận đã gửi Sở Giáo dục và Đào tạo tỉnh Phú Thọ.');
      const issued = page.locator('table.report-issues tbody tr');
      await eventually(() => issued.count(), 1, 'one issued version');
      await issued.filter({ hasText: '15/BC-UBND' }).filter({ hasText: 'Trần Văn Bình' }).waitFor();
      const [signed] = await Promise.all([page.waitForEvent('download'), issued.getByRole('button', { name: 'DOCX' }).click()]);
      assert.match(signed.suggestedFilename(), /lan-1\.docx$/);
    });
  });

  test('the commune issues its plan, records a receipt from the document exchange and attaches the scan', async () => {
    const officer = await apiAs(app, 'vhxh');
    const movement = (await officer('GET', '/movements')).items[0];
    const commune = (await officer('GET', '/units?kind=commune')).items[0];
    const draft = await officer('POST', '/plans', {
      movement_id: movement.id,
      unit_id: commune.id,
      title: 'Kế hoạch bổ sung chuyển đổi số năm 2026',
    });
    const scan = path.join(os.tmpdir(), `ke-hoach-15-${process.pid}.pdf`);
    writeFileSync(scan, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

    await withPage(app, 'commune-plan-issue', {}, async (page) => {
      await login(page, 'vhxh');
      await page.goto(`/plans/${draft.id}`);
      const form = page.getByRole('form', { name: 'Ban hành kế hoạch của xã' });
      await form.getByLabel('Số, ký hiệu').fill('15/KH-UBND');
      await form.getByLabel('Ngày ban hành').fill(day(-2));
      await form.getByLabel('Họ và tên người ký').fill('Trần Văn Thành');
      await form.getByLabel('Thẩm quyền, chức vụ người ký').fill('TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH');
      await form.getByRole('button', { name: 'Ban hành và gửi' }).click();
      await status(page, 'Đã ban hành kế hoạch và gửi đến các cơ sở giáo dục.');
      const receipts = page.getByRole('region', { name: 'Gửi và nhận kế hoạch' });
      await receipts.getByRole('row').filter({ hasText: school }).filter({ hasText: 'Chưa nhận' }).waitFor();
      await eventually(() => form.count(), 0, 'no issuing form once issued');

      // the receipt from the document exchange: date and incoming number, recorded by the commune
      const record = page.getByRole('form', { name: 'Ghi nhận ngày đến' });
      await record.getByLabel('Đơn vị nhận').selectOption({ label: school });
      await record.getByLabel('Ngày đến').fill(day(-1));
      await record.getByLabel('Số đến').fill('101');
      await record.getByRole('button', { name: 'Ghi nhận ngày đến' }).click();
      await status(page, 'Đã ghi nhận ngày đến.');
      await receipts
        .getByRole('row')
        .filter({ hasText: school })
        .filter({ hasText: `${dmy(day(-1))} (theo hệ thống văn bản, số đến 101)` })
        .waitFor();
      // a recorded date changes only by a correction with its reason
      await record.getByLabel('Đơn vị nhận').selectOption({ label: school });
      await record.getByLabel('Lý do đính chính').waitFor();

      // the signed and sealed copy
      await page.getByText('Chưa có bản quét.').waitFor();
      await page.getByLabel('Tệp bản quét').setInputFiles(scan);
      await page.getByRole('button', { name: 'Tải lên bản quét' }).click();
      await page.getByRole('button', { name: /\.pdf$/ }).waitFor();
    });

    // a head of school reads the issued plan with its scan on a phone
    await withPage(app, 'commune-plan-scan-360', { viewport: { width: 360, height: 740 } }, async (page) => {
      await login(page, 'hieutruong.thcs');
      await page.goto(`/plans/${draft.id}`);
      await page.getByText('15/KH-UBND').first().waitFor();
      const file = page.getByRole('button', { name: /\.pdf$/ });
      const [download] = await Promise.all([page.waitForEvent('download'), file.click()]);
      assert.match(download.suggestedFilename(), /\.pdf$/);
      await eventually(() => page.getByRole('form', { name: 'Ghi nhận ngày đến' }).count(), 0, 'no receipt form for a school');
      await eventually(() => page.getByLabel('Tệp bản quét').count(), 0, 'no upload for a school');
      await noHorizontalScroll(page, 360);
    });
  });
});
