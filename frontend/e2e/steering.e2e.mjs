// The Ban chỉ đạo (issue 17, point 1) and research support (point 6), at 1280 px and at 360 px: the
// commune officer establishes a committee by decision, uploads the signed scan, adds members from the
// staff and assigns them a content area and schools, and a teacher reads it; the head of THCS Thanh
// Thủy records the school's support for a research work and sees the totals on the school's page.
// A fresh app of its own (the demo commune already has a committee and three supports).
import { test } from 'node:test';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, withPage } from './harness.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describeWithApp('Ban chỉ đạo and research support in the browser', (app) => {
  const decisions = { 1280: ['15/QĐ-UBND', '2026-01-15'], 360: ['16/QĐ-UBND', '2026-02-15'] };
  for (const width of [1280, 360]) {
    test(`the commune officer sets up the committee and its assignments at ${width} px`, async () => {
      const [number, day] = decisions[width];
      await withPage(app, `steering-officer-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, 'vhxh');
        await page.goto('/steering');
        await page.getByRole('heading', { name: 'Ban chỉ đạo Phong trào thi đua', level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Kiện toàn Ban chỉ đạo (quyết định mới)' }).click();
        await page.getByLabel('Số quyết định').fill(number);
        await page.getByLabel('Ngày ký quyết định').fill(day);
        await page.getByLabel('Người ký').fill('Trần Văn Thành');
        await page.getByRole('button', { name: 'Lưu quyết định thành lập' }).click();
        const details = page.locator('dl.details');
        await eventually(() => details.innerText(), new RegExp(`${number}[\\s\\S]*Chưa tải lên bản quét`), 'the new decision, no scan yet');

        await page.getByLabel('Bản quét quyết định đã ký').setInputFiles({ name: `QĐ ${width}.pdf`, mimeType: 'application/pdf', buffer: PDF });
        await page.getByRole('button', { name: 'Tải lên bản quét' }).click();
        await page.getByRole('button', { name: `QĐ ${width}.pdf` }).waitFor();

        const members = page.getByRole('table', { name: 'Thành viên Ban chỉ đạo' });
        for (const [search, name, code, position] of [
          ['Thành', 'Trần Văn Thành', 'UBND-TT-01', 'Trưởng ban'],
          ['Thu Hà', 'Nguyễn Thị Thu Hà', 'VHXH-01', 'Ủy viên thường trực'],
        ]) {
          await page.getByLabel('Tìm theo tên').fill(search);
          await page.getByRole('radio', { name: `${name} (${code})` }).check();
          await page.getByLabel('Chức danh trong Ban chỉ đạo').selectOption({ label: position });
          await page.getByRole('button', { name: 'Thêm vào Ban chỉ đạo' }).click();
          await eventually(() => members.innerText(), new RegExp(`${name}[\\s\\S]*${position}`), `${name} as ${position}`);
        }
        // The same person twice: refused, naming the field, nothing added.
        await page.getByLabel('Tìm theo tên').fill('Thành');
        await page.getByRole('radio', { name: 'Trần Văn Thành (UBND-TT-01)' }).check();
        await page.getByRole('button', { name: 'Thêm vào Ban chỉ đạo' }).click();
        const memberForm = page.getByRole('form', { name: 'Thêm thành viên' });
        await eventually(() => memberForm.getByRole('alert').innerText(), /Cán bộ[\s\S]*đã là thành viên Ban chỉ đạo/, 'the duplicate refused');
        await eventually(() => members.locator('tbody tr').count(), 2, 'still two members');

        await page.getByLabel('Thành viên phụ trách').selectOption({ label: 'Nguyễn Thị Thu Hà (Ủy viên thường trực)' });
        await page.getByLabel('Nội dung thi đua').selectOption({ index: 1 });
        await page.getByLabel('Ghi chú').fill('Báo cáo mỗi học kỳ');
        // No school ticked: the form says which field is missing.
        await page.getByRole('button', { name: 'Lưu phân công' }).click();
        const assignForm = page.getByRole('form', { name: 'Phân công thành viên' });
        await eventually(() => assignForm.getByRole('alert').innerText(), /Cơ sở giáo dục phụ trách/, 'the missing schools named');
        const schools = page.getByRole('group', { name: 'Cơ sở giáo dục phụ trách' });
        await schools.getByRole('checkbox', { name: 'Trường THCS Thanh Thủy' }).check();
        await schools.getByRole('checkbox', { name: 'Trường THCS Đào Xá' }).check();
        await page.getByRole('button', { name: 'Lưu phân công' }).click();
        const assignments = page.getByRole('table', { name: 'Phân công theo dõi' });
        await eventually(
          () => assignments.innerText(),
          /Nguyễn Thị Thu Hà[\s\S]*Trường THCS Đào Xá, Trường THCS Thanh Thủy[\s\S]*Báo cáo mỗi học kỳ/,
          'the assignment listed with its schools (by code: THCS-DX, THCS-TT)',
        );
        await noHorizontalScroll(page, width);
      });

      // Every signed-in user reads the committee in office (the newest decision).
      await withPage(app, `steering-teacher-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, 'giaovien.thcs');
        await page.goto('/steering');
        await eventually(() => page.locator('dl.details').innerText(), new RegExp(number), 'the newest decision');
        const members = page.getByRole('table', { name: 'Thành viên Ban chỉ đạo' });
        await eventually(() => members.innerText(), /Trần Văn Thành[\s\S]*Trưởng ban[\s\S]*Nguyễn Thị Thu Hà/, 'the members');
        await eventually(() => page.getByRole('button', { name: 'Thêm vào Ban chỉ đạo' }).count(), 0, 'no editing for a teacher');
        await noHorizontalScroll(page, width);
      });
    });
  }

  test('a council meeting takes its chair and members from the committee in office', async () => {
    await withPage(app, 'steering-council', { viewport: { width: 360, height: 900 } }, async (page) => {
      await login(page, 'vhxh');
      await page.goto('/awards/council/new');
      await page.getByRole('button', { name: 'Lấy từ Ban chỉ đạo' }).click();
      // The newest decision (16/QĐ-UBND, set up above): its head chairs, the standing member attends.
      await eventually(() => page.getByLabel('Chủ trì').inputValue(), 'Trần Văn Thành, Phó Chủ tịch UBND xã', 'the chair');
      await eventually(() => page.getByLabel('Thành viên 1').inputValue(), 'Nguyễn Thị Thu Hà, Công chức Văn hóa - Xã hội', 'the member');
      await eventually(() => page.getByLabel('Tổng số thành viên Hội đồng').inputValue(), '2', 'the members in all');
      await noHorizontalScroll(page, 360);
    });
  });

  // THCS Thanh Thủy's demo supports: 2 supports for 2 works, 24 + 8 = 32 hours, 6.500.000 đồng, one with
  // expertise. Each run adds 3,5 hours and 1.200.000 đồng for the research work already supported.
  const after1280 = { supports: 3, hours: '35,5', money: '7.700.000', expertise: 2 };
  const after360 = { supports: 4, hours: '39', money: '8.900.000', expertise: 3 };
  for (const [width, want] of [
    [1280, after1280],
    [360, after360],
  ]) {
    test(`the head of school records research support at ${width} px`, async () => {
      const head = await apiAs(app, 'hieutruong.thcs');
      const school = (await head('GET', '/lookups/units?kind=school&q=THCS-TT')).find((u) => u.detail === 'THCS-TT');
      await withPage(app, `research-head-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, 'hieutruong.thcs');
        await page.goto('/research-supports');
        await page.getByRole('heading', { name: 'Hỗ trợ nghiên cứu khoa học, sáng kiến', level: 1 }).waitFor();
        const totals = page.getByRole('table', { name: 'Tổng hợp theo cơ sở giáo dục' });
        await page
          .getByLabel('Sáng kiến, đề tài được hỗ trợ')
          .selectOption({ label: 'Nghiên cứu ứng dụng trợ lý AI trong dạy học Khoa học tự nhiên (2025-2026)' });
        await page.getByLabel('Thời gian (giờ)').fill('3,5');
        await page.getByLabel('Kinh phí (đồng)').fill('1.200.000');
        await page.getByLabel('Hỗ trợ chuyên môn').fill('Tổ Khoa học tự nhiên dự giờ, góp ý');
        await page.getByLabel('Từ ngày').fill('2026-02-01');
        await page.getByLabel('Đến ngày').fill('2026-01-20');
        await page.getByRole('button', { name: 'Lưu khoản hỗ trợ' }).click();
        const form = page.getByRole('form', { name: 'Ghi nhận hỗ trợ' });
        await eventually(() => form.getByRole('alert').first().innerText(), /Đến ngày[\s\S]*từ ngày bắt đầu trở đi/, 'the end date refused');
        const before = width === 1280 ? /Trường THCS Thanh Thủy[\s\S]*\b2\b[\s\S]*32[\s\S]*6\.500\.000/ : /Trường THCS Thanh Thủy[\s\S]*\b3\b[\s\S]*35,5[\s\S]*7\.700\.000/;
        await eventually(() => totals.innerText(), before, 'nothing stored by the refused form');

        await page.getByLabel('Đến ngày').fill('2026-02-28');
        await page.getByRole('button', { name: 'Lưu khoản hỗ trợ' }).click();
        await eventually(
          () => totals.innerText(),
          new RegExp(`Trường THCS Thanh Thủy[\\s\\S]*${want.supports}[\\s\\S]*\\b2\\b[\\s\\S]*${want.hours}[\\s\\S]*${want.money.replaceAll('.', '\\.')}`),
          'the school totals with the new support',
        );
        await noHorizontalScroll(page, width);

        await page.goto(`/units/${school.id}`);
        await eventually(
          () => page.getByRole('region', { name: 'Hỗ trợ nghiên cứu của đơn vị' }).innerText(),
          new RegExp(
            `${want.supports} lượt hỗ trợ cho 2 sáng kiến, đề tài: ${want.hours} giờ, ${want.money.replaceAll('.', '\\.')} đồng; ${want.expertise} lượt hỗ trợ chuyên môn`,
          ),
          "the totals on the school's page",
        );
        await noHorizontalScroll(page, width);
      });
    });
  }
});
