// Communications and sharing (issue 17, points 4 and 5), at 1280 px and 360 px, in a fresh app of its
// own on the demo commune: Trung tâm DVSNC logs an output against its plan (a link without http(s) is
// refused first and nothing is logged); a school proposes a story that communications returns, then
// publishes, and records its website's info corner shown on the public pages; a teacher finds a
// material of the shared library and downloads it (a file of a disallowed type is refused).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, openMenu, withPage } from './harness.mjs';

const WIDTHS = [1280, 360];


describeWithApp('Communications and shared materials in the browser', (app) => {
  test('communications logs an output against its plan', async () => {
    // one channel per width, so each run's count is known: the demo logged no video and one conference
    const runs = [
      [1280, 'Video clip', 'video', 0],
      [360, 'Hội nghị, tọa đàm', 'conference', 1],
    ];
    for (const [width, label, channel, before] of runs)
      await withPage(app, `comms-log-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, 'truyenthong');
        await page.goto('/communications');
        await page.getByRole('heading', { name: 'Kế hoạch và nhật ký truyền thông', level: 1 }).waitFor();
        const progress = page.getByRole('table').first().getByRole('row').filter({ hasText: label });
        const done = () => progress.locator('td').nth(2).innerText();
        await eventually(done, String(before), `the ${label} outputs before`);

        const form = page.getByRole('form', { name: 'Ghi tin, bài, sản phẩm truyền thông' });
        const title = `Tin thử nghiệm ${channel} ${width}`;
        await form.getByLabel('Kênh').selectOption(channel);
        await form.getByLabel('Tiêu đề tin, bài, sản phẩm').fill(title);
        await form.getByLabel('Đường dẫn').fill('thanhthuy.gov.vn/tin');
        await form.getByLabel('Lượt tiếp cận').fill('250');
        await form.getByRole('button', { name: 'Ghi vào nhật ký' }).click();
        const alert = form.getByRole('alert');
        await eventually(() => alert.innerText(), /Đường dẫn/, 'the refusal names the link field');
        await eventually(done, String(before), `nothing logged after the refusal`);

        await form.getByLabel('Đường dẫn').fill('https://thanhthuy.gov.vn/tin/thu-nghiem');
        await form.getByRole('button', { name: 'Ghi vào nhật ký' }).click();
        await eventually(() => form.getByRole('status').innerText(), new RegExp(title), 'the output is logged');
        await eventually(done, String(before + 1), `the ${label} outputs after`);
        const logged = page.getByRole('row').filter({ hasText: title });
        await eventually(() => logged.innerText(), /250/, 'the log shows the reach');
        await eventually(() => logged.getByRole('link', { name: title }).getAttribute('href'), 'https://thanhthuy.gov.vn/tin/thu-nghiem', 'the log links the output');
        await noHorizontalScroll(page, width);
      });
  });

  test('a school proposes a story that communications returns, then publishes', async () => {
    for (const width of WIDTHS) {
      const viewport = { viewport: { width, height: 900 } };
      const title = `Thầy Minh và giờ học số (${width})`;
      let url = '';
      await withPage(app, `proposal-write-${width}`, viewport, async (page) => {
        await login(page, 'hieutruong.thcs');
        await page.goto('/story-proposals');
        await page.getByRole('button', { name: 'Viết bài đề xuất' }).click();
        const form = page.getByRole('form', { name: 'Viết bài đề xuất' });
        await form.getByLabel('Tiêu đề bài viết').fill(title);
        await form.getByLabel('Nội dung').fill('Thầy Minh soạn bài giảng điện tử cho cả tổ.');
        await form.getByRole('button', { name: 'Lưu bản nháp' }).click();
        await page.getByRole('heading', { name: title, level: 1 }).waitFor();
        url = new URL(page.url()).pathname;
        await page.getByRole('button', { name: 'Gửi Trung tâm duyệt' }).click();
        await eventually(() => page.locator('.page-head .badge').innerText(), 'Đã gửi, chờ duyệt', 'sent for review');

        // the school's info corner, shown on the public pages
        await page.goto('/story-proposals');
        const corner = page.getByRole('form', { name: 'Chuyên mục thông tin trên website của trường' });
        await corner.getByLabel('Đường dẫn chuyên mục').fill(`https://thcsthanhthuy.edu.vn/goc-${width}`);
        await corner.getByRole('button', { name: 'Lưu đường dẫn' }).click();
        await eventually(() => corner.getByRole('status').innerText(), /Đã lưu/, 'the corner is saved');
        await noHorizontalScroll(page, width);
      });
      await withPage(app, `proposal-return-${width}`, viewport, async (page) => {
        await login(page, 'truyenthong');
        await page.goto('/story-proposals?status=submitted');
        await page.getByRole('link', { name: title }).click();
        await page.getByRole('heading', { name: title, level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
        await page.getByLabel('Nội dung cần sửa, bổ sung').fill('Bổ sung kết quả học sinh đạt được.');
        await page.getByRole('button', { name: 'Trả lại bài' }).click();
        await eventually(() => page.locator('.page-head .badge').innerText(), 'Bị trả lại', 'returned');
        await noHorizontalScroll(page, width);
      });
      await withPage(app, `proposal-edit-${width}`, viewport, async (page) => {
        await login(page, 'hieutruong.thcs');
        await page.goto(url);
        await eventually(() => page.getByRole('note').innerText(), /Bổ sung kết quả học sinh/, "the reviewer's note");
        await page.getByRole('button', { name: 'Sửa bài' }).click();
        await page.getByLabel('Nội dung').fill('Thầy Minh soạn bài giảng điện tử cho cả tổ; 96% học sinh hoàn thành bài.');
        await page.getByRole('button', { name: 'Lưu', exact: true }).click();
        await eventually(() => page.locator('main').innerText(), /96% học sinh hoàn thành bài/, 'the edited text is shown');
        await page.getByRole('button', { name: 'Gửi Trung tâm duyệt' }).click();
        await eventually(() => page.locator('.page-head .badge').innerText(), 'Đã gửi, chờ duyệt', 'sent again');
      });
      await withPage(app, `proposal-publish-${width}`, viewport, async (page) => {
        await login(page, 'truyenthong');
        await page.goto(url);
        await page.getByRole('button', { name: 'Duyệt và đăng lên bảng vinh danh' }).click();
        await eventually(() => page.locator('.page-head .badge').innerText(), 'Đã đăng', 'published');
        await page.getByRole('link', { name: 'Xem trên trang công khai' }).click();
        await page.getByRole('heading', { name: title }).waitFor();
        await eventually(() => page.locator('main').innerText(), /96% học sinh hoàn thành bài/, 'the public story has the edited text');
        await page.goto('/goc-thong-tin');
        const row = page.getByRole('row').filter({ hasText: 'Trường THCS Thanh Thủy' });
        await eventually(() => row.getByRole('link').getAttribute('href'), `https://thcsthanhthuy.edu.vn/goc-${width}`, "the school's corner on the public page");
        await noHorizontalScroll(page, width);
      });
    }
  });

  test('a teacher finds a material of the shared library and downloads it', async () => {
    for (const width of WIDTHS)
      await withPage(app, `materials-${width}`, { viewport: { width, height: 900 }, acceptDownloads: true }, async (page) => {
        await login(page, 'giaovien.thcs');
        await page.goto('/materials');
        await page.getByRole('heading', { name: 'Kho học liệu số dùng chung', level: 1 }).waitFor();
        await page.getByLabel('Tìm kiếm').fill('phân số');
        const rows = page.locator('main table').first().locator('tbody tr');
        await eventually(() => rows.count(), 1, 'one material matches "phân số"');
        await eventually(() => rows.first().innerText(), /Toán · Lớp 6/, 'its subject and grade');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Tải về Bài giảng điện tử: Phân số và các phép tính' }).click(),
        ]);
        assert.equal(download.suggestedFilename(), 'Bài giảng Phân số lớp 6.pdf');
        // the recognised digital materials of the schools are listed too
        await page.getByLabel('Tìm kiếm').fill('');
        await eventually(() => page.locator('main').innerText(), /Học liệu số đã được công nhận[\s\S]*Bài giảng điện tử chủ đề Năng lượng/, 'recognised materials');
        await noHorizontalScroll(page, width);

        if (width !== 1280) return;
        // a file of a disallowed type is refused and nothing is shared
        await page.getByRole('button', { name: 'Chia sẻ học liệu' }).click();
        const form = page.getByRole('form', { name: 'Chia sẻ học liệu' });
        await form.getByLabel('Tên học liệu').fill('Phần mềm ôn tập');
        await form.getByLabel('Tác giả').fill('Giáo viên THCS Thanh Thủy');
        await form.getByLabel('Môn học').fill('Tin học');
        await form.getByLabel('Khối lớp').fill('Lớp 7');
        await form.getByLabel('Tệp học liệu').setInputFiles({ name: 'on-tap.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00 not a document') });
        await form.getByRole('button', { name: 'Chia sẻ', exact: true }).click();
        await eventually(() => form.getByRole('alert').innerText(), /Tệp học liệu/, 'the refusal names the file field');
        await page.getByLabel('Tìm kiếm').fill('Phần mềm ôn tập');
        await eventually(() => page.locator('main table').first().count(), 0, 'the refused material is not in the library');
      });
  });

  test('communications imports its log through the imports screen: a bad row first, then the fixed file', async () => {
    // one pair of rows per width (different titles), each file first with a channel that does not exist;
    // dated in December of the demo plan's school year
    const comms = await apiAs(app, 'truyenthong');
    const year = (await comms('GET', '/communications/plans')).items[0].school_year.slice(0, 4);
    for (const width of WIDTHS)
      await withPage(app, `comms-import-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        const title = `Bản tin nhập từ tệp (${width})`;
        const csv = (channel) =>
          `Kênh,Ngày,Tên sản phẩm,Đường dẫn,Lượt tiếp cận\n` +
          `bulletin,${year}-12-15,${title},,800\n` +
          `${channel},${year}-12-16,Phóng sự nhập từ tệp (${width}),https://thanhthuy.gov.vn/video/${width},1500\n`;
        await login(page, 'truyenthong');
        await openMenu(page, 'Nhập dữ liệu');
        await page.getByRole('heading', { name: 'Nhập dữ liệu hàng loạt', level: 1 }).waitFor();
        await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Nhật ký sản phẩm truyền thông' });
        await page.getByRole('table', { name: 'Các cột của loại dữ liệu Nhật ký sản phẩm truyền thông' }).waitFor();

        const fileInput = page.getByLabel('Tệp dữ liệu');
        const count = (label) =>
          page.locator('.import-count').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
        await fileInput.setInputFiles({ name: 'nhat-ky.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('truyen-hinh')) });
        await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
        const errors = page.getByRole('table', { name: 'Lỗi từng dòng' });
        const firstCells = () =>
          errors.locator('tbody tr').first().locator('td').allInnerTexts().then((t) => t.map((s) => s.trim()).slice(0, 3));
        await eventually(firstCells, ['3', 'channel', 'truyen-hinh'], 'the bad channel row, named by its column');
        await eventually(() => count('Dòng lỗi').innerText(), '1', 'one bad row');
        const importButton = page.getByRole('button', { name: 'Nhập dữ liệu', exact: true });
        await eventually(() => importButton.isDisabled(), true, 'no import while a row is bad');

        await fileInput.setInputFiles({ name: 'nhat-ky.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('video')) });
        await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
        await eventually(() => count('Sẽ tạo mới').innerText(), '2', 'two rows to create');
        await eventually(() => importButton.isEnabled(), true, 'the import is enabled after a clean dry run');
        await importButton.click();
        await page.getByText('Đã nhập xong.', { exact: true }).waitFor();
        await eventually(() => count('Đã tạo mới').innerText(), '2', 'two outputs logged');
        await noHorizontalScroll(page, width);

        await page.goto('/communications');
        const logged = page.getByRole('row').filter({ hasText: title });
        await eventually(() => logged.innerText(), /800/, 'the imported output is in the log with its reach');
      });
  });
});
