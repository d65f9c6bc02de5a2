// Bulk import end to end: the commune officer uploads a staff CSV with two bad rows, sees them in the
// dry run's preview, fixes the file, checks it again and imports it; the file is above the (lowered)
// background threshold, so the import runs as a job and the progress bar fills up.
// Imported by app.e2e.test.mjs; a fresh app of its own.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, describeWithApp, eventually, login, openMenu, withPage } from './harness.mjs';

// Any body above 2000 bytes runs in the background (202 + a job to poll).
const ASYNC_THRESHOLD = 2000;
const ROWS = 300;
const BAD_UNIT_AT = 41; // data row index → file row 43 (the header is row 1)
const NO_NAME_AT = 157; // → file row 159

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Thị', 'Văn', 'Thị Thu', 'Đức', 'Thị Ngọc', 'Minh'];
const GIVEN = ['Hương', 'Lan', 'Dũng', 'Mai', 'Hùng', 'Thảo', 'Phương', 'Tuấn', 'Hạnh', 'Trang', 'Yến'];

const code = (i) => `TH-TT-N${String(i + 1).padStart(3, '0')}`;

/** A staff CSV for TH-TT's two subject groups; `broken` puts the two bad rows in. */
function staffCsv({ broken }) {
  const lines = ['code,full_name,unit_code,position,email'];
  for (let i = 0; i < ROWS; i++) {
    let name = `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 5) % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`;
    let unit = i % 2 === 0 ? 'TH-TT-K123' : 'TH-TT-K45';
    if (broken && i === BAD_UNIT_AT) unit = 'TH-XX-K9';
    if (broken && i === NO_NAME_AT) name = '';
    lines.push([code(i), name, unit, 'Giáo viên', `gv.n${i + 1}@thanhthuy.edu.vn`].join(','));
  }
  return `${lines.join('\n')}\n`;
}

describeWithApp('Bulk import in the browser', { IMPORT_ASYNC_THRESHOLD_BYTES: String(ASYNC_THRESHOLD) }, (app) => {
  async function officerGet(path) {
    const res = await fetch(`${app.baseURL}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: 'vhxh', password: PASSWORD, scope: '' }).toString(),
    });
    const { access_token } = await res.json();
    const r = await fetch(`${app.baseURL}/api/v1${path}`, { headers: { Authorization: `Bearer ${access_token}` } });
    assert.equal(r.status, 200, await r.clone().text());
    return r.json();
  }

  test('upload a CSV with two bad rows, see them in the preview, fix and import, watch the progress bar finish', async () => {
    const broken = staffCsv({ broken: true });
    const fixed = staffCsv({ broken: false });
    assert.ok(Buffer.byteLength(fixed) > ASYNC_THRESHOLD * 5, 'the file must be large enough to run as a job');
    assert.equal((await officerGet(`/staff?q=${code(0)}`)).total, 0);

    await withPage(app, 'imports-staff-csv', {}, async (page) => {
      await login(page, 'vhxh');
      await openMenu(page, 'Nhập dữ liệu');
      await page.getByRole('heading', { name: 'Nhập dữ liệu hàng loạt', level: 1 }).waitFor();

      // the kind, its columns and the template (a protected download with the bearer token)
      await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Cán bộ' });
      const columns = page.getByRole('table', { name: 'Các cột của loại dữ liệu Cán bộ' });
      await columns.waitFor();
      for (const name of ['code', 'full_name', 'unit_code']) await columns.getByText(name, { exact: true }).waitFor();
      const [template] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Tải tệp mẫu CSV' }).click(),
      ]);
      assert.equal(template.suggestedFilename(), 'mau-staff.csv');
      const header = readFileSync(await template.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
      assert.match(header, /^Mã,Họ và tên,.*Mã đơn vị/); // headed in Vietnamese (issue 18.4); imports back

      const importButton = page.getByRole('button', { name: 'Nhập dữ liệu', exact: true });
      const fileInput = page.getByLabel('Tệp dữ liệu');
      const count = (label) =>
        page.locator('.import-count').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
      /** Waits until the count `label` shows `value`. */
      const countIs = (label, value) => eventually(() => count(label).innerText(), value, `the count "${label}"`);
      const importDisabled = (why) => eventually(() => importButton.isDisabled(), true, why);

      // 1. the file with two bad rows: the dry run lists them with their row numbers
      await fileInput.setInputFiles({ name: 'can-bo-th-tt.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
      await page.getByText(/Đã chọn: can-bo-th-tt\.csv \(.*, CSV\)/).waitFor();
      await importDisabled('no import before a dry run');
      await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
      await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor();
      const errors = page.getByRole('table', { name: 'Lỗi từng dòng' });
      await errors.waitFor();
      const rows = errors.locator('tbody tr');
      await eventually(() => rows.count(), 2, 'rows of the errors table');
      /** Readers: the trimmed texts of the first `n` cells of error row `i`; the text of its reason cell. */
      const firstCells = (i, n) => () =>
        rows.nth(i).locator('td').allInnerTexts().then((texts) => texts.map((s) => s.trim()).slice(0, n));
      const reasonCell = (i) => () => rows.nth(i).locator('td').nth(3).innerText();
      await eventually(firstCells(0, 3), [String(BAD_UNIT_AT + 2), 'unit_code', 'TH-XX-K9'], 'the bad unit row');
      await eventually(reasonCell(0), /Không tìm thấy đơn vị 'TH-XX-K9'/, 'the bad unit reason');
      await eventually(firstCells(1, 2), [String(NO_NAME_AT + 2), 'full_name'], 'the missing name row');
      await eventually(reasonCell(1), /Thiếu giá trị bắt buộc/, 'the missing name reason');
      // the English reason as a tooltip
      const reason = rows.nth(1).locator('td').nth(3).locator('span');
      await eventually(() => reason.getAttribute('title'), /required/i, 'the English reason of the missing name');
      await countIs('Dòng lỗi', '2');
      await countIs('Sẽ tạo mới', String(ROWS - 2));
      await page.getByText('Có 2 dòng lỗi. Hãy sửa tệp rồi chọn lại tệp để kiểm tra lại.').waitFor();
      await importDisabled('no import while the file has bad rows');

      // 2. the corrected file (same name), checked again: no errors, the import is enabled
      await fileInput.setInputFiles({ name: 'can-bo-th-tt.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
      await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
      await page.getByText('Tệp hợp lệ, không có dòng lỗi. Có thể nhập dữ liệu.').waitFor();
      await eventually(() => errors.count(), 0, 'no errors table for the corrected file');
      await countIs('Dòng lỗi', '0');
      await countIs('Sẽ tạo mới', String(ROWS));
      await eventually(() => importButton.isEnabled(), true, 'the import is enabled after a clean dry run');
      assert.equal((await officerGet(`/staff?q=${code(0)}`)).total, 0, 'a dry run stores nothing');

      // 3. the import runs as a background job: the progress bar, then the final summary
      await importButton.click();
      const progress = page.getByRole('progressbar', { name: 'Tiến độ nhập' });
      await progress.waitFor();
      await page.getByRole('heading', { name: 'Kết quả nhập' }).waitFor();
      await page.getByText('Đã nhập xong.', { exact: true }).waitFor({ timeout: 60_000 });
      await eventually(() => progress.getAttribute('value'), '100', 'the progress bar is full');
      await page.getByText('Đã xử lý xong.').waitFor();
      await countIs('Đã tạo mới', String(ROWS));
      await countIs('Bị từ chối', '0');
      await importDisabled('the same file is not imported twice');

      // 4. my recent jobs: the import on top, the two dry runs below it
      const jobs = page.getByRole('region', { name: 'Các lượt nhập gần đây của tôi' }).locator('tbody tr');
      await jobs.filter({ hasText: 'Đã nhập' }).first().waitFor();
      await eventually(() => jobs.count(), 3, 'my recent jobs');
      const latest = () => jobs.first().innerText();
      await eventually(latest, /Cán bộ/, 'the kind of the latest job');
      await eventually(latest, /Đã nhập/, 'the status of the latest job');
      await eventually(latest, new RegExp(`\\b${ROWS}\\b`), 'the rows of the latest job');
      await eventually(() => jobs.filter({ hasText: 'Chạy thử' }).count(), 2, 'the two dry runs');
    });

    // the staff really are there, in TH-TT's subject groups
    const created = await officerGet(`/staff?q=TH-TT-N&limit=200`);
    assert.equal(created.total, ROWS);
    const first = (await officerGet(`/staff?q=${code(0)}`)).items[0];
    assert.equal(first.code, code(0));
    assert.equal(first.full_name, 'Nguyễn Thị Hương');
  });
});
