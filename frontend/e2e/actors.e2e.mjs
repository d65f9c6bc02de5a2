// The edit screens of issue 17's actors, at 1280 px and at 360 px, on the demo commune (a fresh app of its
// own): the commune officer corrects the Ban chỉ đạo (its decision, a member's duties, an assignment, whose
// schools cannot be left empty); a school's head corrects a research support (an end date before its start
// is refused next to the field); Phòng Kinh tế corrects an allocation (not below what was spent), cannot
// delete one with spending, deletes one without, and corrects a partner's agreement and contribution; the
// yearly inspection plan shows which visits were made, with findings and minutes.
// Imported by app.e2e.test.mjs.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, withPage } from './harness.mjs';

const WIDTHS = [1280, 360];
/** The message shown under the field labelled `label` inside `scope`. */
const fieldError = (scope, label) => () =>
  scope.locator('.field').filter({ has: scope.page().getByLabel(label, { exact: true }) }).locator('.field-error').innerText();

describeWithApp('Edit screens of every actor in the browser', (app) => {
  for (const width of WIDTHS) {
    test(`the commune officer corrects the Ban chỉ đạo at ${width} px`, async () => {
      const officer = await apiAs(app, 'vhxh');
      const committee = (await officer('GET', '/steering-committees')).items[0];
      const held = committee.assignments.find((a) => a.member_name === 'Nguyễn Thị Thu Hà').schools.map((s) => s.name);
      await withPage(app, `actors-steering-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, 'vhxh');
        await page.goto('/steering');
        await page.getByRole('heading', { name: 'Ban chỉ đạo Phong trào thi đua', level: 1 }).waitFor();

        // The establishing decision: its signer.
        await page.getByRole('button', { name: 'Sửa thông tin quyết định thành lập' }).click();
        const decision = page.getByRole('form', { name: 'Sửa thông tin quyết định thành lập' });
        await decision.getByLabel('Người ký').fill(`Trần Văn Thành (${width})`);
        await decision.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await eventually(() => page.locator('dl.details').innerText(), new RegExp(`Trần Văn Thành \\(${width}\\)`), 'the new signer');

        // A member's duties.
        const members = page.getByRole('table', { name: 'Thành viên Ban chỉ đạo' });
        await members.getByRole('button', { name: 'Sửa chức danh, nhiệm vụ của Nguyễn Thị Thu Hà' }).click();
        const member = page.getByRole('form', { name: 'Sửa chức danh, nhiệm vụ của Nguyễn Thị Thu Hà' });
        const duties = `Thường trực, tổng hợp báo cáo hằng tháng (${width})`;
        await member.getByLabel('Nhiệm vụ').fill(duties);
        await member.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await eventually(() => members.getByRole('row').filter({ hasText: 'Nguyễn Thị Thu Hà' }).innerText(), new RegExp(duties.replace(/[()]/g, '\\$&')), 'the new duties');

        // An assignment left without schools is refused next to the field; then one school.
        const assignments = page.getByRole('table', { name: 'Phân công theo dõi' });
        await assignments.getByRole('button', { name: /^Sửa phân công của Nguyễn Thị Thu Hà/ }).click();
        const form = page.getByRole('form', { name: /^Sửa phân công của Nguyễn Thị Thu Hà/ });
        const schools = form.getByRole('group', { name: 'Cơ sở giáo dục phụ trách' });
        for (const name of held) await schools.getByRole('checkbox', { name, exact: true }).uncheck();
        await eventually(() => schools.getByRole('checkbox', { checked: true }).count(), 0, 'no school ticked');
        await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await eventually(() => schools.locator('.field-error').innerText(), /\S/, 'the message next to the schools');
        await eventually(() => form.getByRole('alert').innerText(), /Cơ sở giáo dục phụ trách/, 'the summary names the field in words');
        await eventually(() => assignments.getByRole('row').filter({ hasText: 'Nguyễn Thị Thu Hà' }).innerText(), /Trường/, 'nothing changed');
        const school = width === 1280 ? 'Trường Tiểu học Đào Xá' : 'Trường THCS Đào Xá';
        await schools.getByRole('checkbox', { name: school }).check();
        await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await page.getByRole('status').filter({ hasText: 'Đã lưu thay đổi.' }).waitFor();
        await eventually(
          () => assignments.getByRole('row').filter({ hasText: 'Nguyễn Thị Thu Hà' }).locator('td').nth(2).innerText(),
          school,
          'the assignment now follows one school',
        );
        await noHorizontalScroll(page, width);
      });
    });
  }

  // Each width starts from what the one before left: the demo's 1.500.000 đ, then 2.000.000 đ.
  for (const [width, was, money] of [
    [1280, '1.500.000', '2.000.000'],
    [360, '2.000.000', '2.500.000'],
  ]) {
    test(`the head of school corrects a research support at ${width} px`, async () => {
      const title = 'Sáng kiến số hóa sổ theo dõi học sinh bằng biểu mẫu trực tuyến';
      await withPage(app, `actors-research-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, 'hieutruong.thcs');
        await page.goto('/research-supports');
        await page.getByRole('heading', { name: 'Hỗ trợ nghiên cứu khoa học, sáng kiến', level: 1 }).waitFor();
        await page.getByRole('button', { name: `Sửa khoản hỗ trợ cho ${title}` }).click();
        const form = page.getByRole('form', { name: `Sửa khoản hỗ trợ cho ${title}` });
        await form.getByLabel('Kinh phí (đồng)').fill(money);
        await form.getByLabel('Đến ngày').fill('2025-10-01'); // before the start (15/11/2025)
        await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await eventually(fieldError(form, 'Đến ngày'), /từ ngày bắt đầu trở đi/, 'the end date refused next to its field');
        const row = page.getByRole('row').filter({ hasText: title });
        await eventually(() => row.innerText(), new RegExp(was.replaceAll('.', '\\.')), 'nothing changed');

        await form.getByLabel('Đến ngày').fill('2026-01-31');
        await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await page.getByRole('status').filter({ hasText: 'Đã lưu thay đổi.' }).waitFor();
        await eventually(() => row.innerText(), new RegExp(`${money.replaceAll('.', '\\.')}[\\s\\S]*31/1/2026`), 'the corrected support');
        await noHorizontalScroll(page, width);
      });
    });
  }

  // Each width starts from what the one before left: the demo's 30.000.000 đ, then 35.000.000 đ.
  for (const [width, was, amount] of [
    [1280, '30.000.000', '35.000.000'],
    [360, '35.000.000', '36.000.000'],
  ]) {
    test(`Phòng Kinh tế corrects allocations at ${width} px`, async () => {
      const finance = await apiAs(app, 'kinhte');
      const movement = (await finance('GET', '/movements')).items[0];
      const sources = (await finance('GET', `/budget/sources?movement_id=${movement.id}&school_year=2025-2026`)).items;
      const source = sources.find((s) => s.source === 'state_budget');
      const purpose = `Tập huấn nhập nhầm (${width})`;
      await finance('POST', '/budget/allocations', { source_id: source.id, purpose, amount_vnd: 1_000_000 });
      await withPage(app, `actors-budget-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, 'kinhte');
        await page.goto('/budget');
        await page.getByRole('heading', { name: 'Kinh phí phong trào', level: 1 }).waitFor();
        await page.getByLabel('Năm học', { exact: true }).selectOption('2025-2026');
        const club = 'Trường THCS Thanh Thủy: Câu lạc bộ lập trình và sáng tạo';
        await page.getByRole('button', { name: `Sửa khoản phân bổ ${club}` }).click();
        const form = page.getByRole('form', { name: `Sửa khoản phân bổ ${club}` });
        await form.getByLabel('Số tiền (đồng)').fill('5.000.000'); // 9.800.000 đ were spent
        await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await eventually(fieldError(form, 'Số tiền (đồng)'), /không được nhỏ hơn số đã chi/, 'refused next to the amount');
        const allocations = page.locator('table.budget-allocations tbody tr');
        const row = allocations.filter({ hasText: 'Câu lạc bộ lập trình và sáng tạo' });
        await eventually(() => row.innerText(), new RegExp(`${was.replaceAll('.', '\\.')} đ`), 'nothing changed');
        await form.getByLabel('Số tiền (đồng)').fill(amount);
        await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await eventually(() => row.innerText(), new RegExp(`${amount.replaceAll('.', '\\.')} đ`), 'the new amount');

        // Spent from: not deleted; nothing spent: deleted.
        const launch = 'Hoạt động của xã: Lễ phát động, hội nghị sơ kết và tập huấn chuyển đổi số của xã';
        await page.getByRole('button', { name: `Xóa khoản phân bổ ${launch}` }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Xóa' }).click();
        await eventually(() => page.getByRole('alert').filter({ hasText: 'Đã chi' }).innerText(), /Đã chi 12\.000\.000 đ/, 'the allocation with spending stays');
        await page.getByRole('button', { name: `Xóa khoản phân bổ Hoạt động của xã: ${purpose}` }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Xóa' }).click();
        await page.getByRole('status').filter({ hasText: 'Đã xóa khoản phân bổ.' }).waitFor();
        await eventually(() => allocations.filter({ hasText: purpose }).count(), 0, 'the unspent allocation is gone');
        await noHorizontalScroll(page, width);
      });
    });
  }

  for (const [width, amount] of [
    [1280, '32.000.000'],
    [360, '33.000.000'],
  ]) {
    test(`Phòng Kinh tế corrects a partner's agreement and contribution at ${width} px`, async () => {
      const partner = 'Công ty TNHH Công nghệ số Thanh Thủy';
      await withPage(app, `actors-partners-${width}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, 'kinhte');
        await page.goto('/budget/partners');
        await page.getByRole('button', { name: `Sửa đối tác ${partner}` }).click();
        const panel = page.getByRole('region', { name: `Sửa đối tác ${partner}` });
        const agreements = panel.getByRole('table', { name: `Thỏa thuận với ${partner}` });
        await agreements.getByRole('button', { name: /^Sửa thỏa thuận 01\/2025\/TTHT/ }).click();
        const form = panel.getByRole('form', { name: /^Sửa thỏa thuận 01\/2025\/TTHT/ });
        await form.getByLabel('Nội dung thỏa thuận').fill('');
        await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await eventually(fieldError(form, 'Nội dung thỏa thuận'), /\S/, 'an empty title refused next to the field');
        const title = `Thỏa thuận tài trợ thiết bị chuyển đổi số (${width})`;
        await form.getByLabel('Nội dung thỏa thuận').fill(title);
        await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await eventually(() => agreements.innerText(), new RegExp(title.replace(/[()]/g, '\\$&')), 'the new title');

        const contributions = panel.getByRole('table', { name: `Đóng góp của ${partner}` });
        await contributions.getByRole('button', { name: /^Sửa đóng góp Tài trợ đợt 1 bằng tiền/ }).click();
        const contribution = panel.getByRole('form', { name: /^Sửa đóng góp Tài trợ đợt 1 bằng tiền/ });
        await contribution.getByLabel('Số tiền hoặc giá trị quy đổi (đồng)').fill(amount);
        await contribution.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await eventually(() => contributions.innerText(), new RegExp(`${amount.replaceAll('.', '\\.')} đ`), 'the new amount');
        // The partners' list shows the new total.
        await eventually(
          () => page.getByRole('row').filter({ hasText: partner }).first().innerText(),
          new RegExp(`${amount.replaceAll('.', '\\.')} đ`),
          'the partner’s total',
        );
        // An agreement a contribution was recorded under is not deleted.
        await agreements.getByRole('button', { name: /^Xóa thỏa thuận 01\/2025\/TTHT/ }).click();
        await panel.getByRole('alertdialog').getByRole('button', { name: 'Xóa' }).click();
        await eventually(() => panel.getByRole('alert').filter({ hasText: 'thỏa thuận' }).innerText(), /Có đóng góp ghi theo thỏa thuận này/, 'the agreement stays');
        await noHorizontalScroll(page, width);
      });
    });
  }

  test('the yearly inspection plan shows which visits were made, with findings and minutes', async () => {
    const officer = await apiAs(app, 'vhxh');
    const [inspector] = await officer('GET', '/lookups/people?role=inspector&q=kiemtra');
    const plan = (await officer('GET', '/inspection-plans')).items.find((p) => p.status === 'issued');
    const second = plan.items.find((i) => i.inspection === null);
    for (const width of WIDTHS)
      await withPage(app, `actors-visits-${width}`, { viewport: { width, height: 900 }, acceptDownloads: true }, async (page) => {
        await login(page, 'vhxh');
        if (width === 1280) {
          // The create form offers the visits not made yet; ticking one ticks its school.
          await page.goto('/inspections/new');
          await page.getByLabel('Năm học', { exact: true }).selectOption(plan.school_year);
          const visits = page.getByRole('group', { name: 'Các lượt kiểm tra theo kế hoạch năm học' });
          await visits.getByRole('checkbox', { name: new RegExp(`^${second.unit_name}`) }).check();
          const schools = page.getByRole('group', { name: 'Cơ sở giáo dục được kiểm tra' });
          await eventually(() => schools.getByRole('checkbox', { name: new RegExp(`^${second.unit_name}`) }).isChecked(), true, 'the visit’s school ticked');
          await noHorizontalScroll(page, width);
          await officer('POST', '/inspections', {
            kind: 'periodic',
            title: 'Kiểm tra định kỳ học kỳ II',
            school_year: plan.school_year,
            inspection_date: second.scheduled_on,
            member_user_ids: [inspector.id],
            unit_ids: [second.unit_id],
            plan_item_ids: [second.id],
          });
        }
        await page.goto('/inspection-plans');
        const visits = page.getByRole('table', { name: `Lịch kiểm tra năm học ${plan.school_year}` });
        const done = visits.getByRole('row').filter({ hasText: 'Trường THCS Thanh Thủy' });
        await eventually(() => done.innerText(), /Kiểm tra định kỳ chuyển đổi số học kỳ I[\s\S]*Đã kết thúc[\s\S]*2 nhận xét \(0 chưa hoàn thành\)/, 'the visit made, with its findings');
        const [minutes] = await Promise.all([
          page.waitForEvent('download'),
          done.getByRole('button', { name: 'Tải biên bản kiểm tra tại Trường THCS Thanh Thủy' }).click(),
        ]);
        assert.equal(readFileSync(await minutes.path()).subarray(0, 2).toString(), 'PK');
        const next = visits.getByRole('row').filter({ hasText: second.unit_name });
        await eventually(() => next.innerText(), /Kiểm tra định kỳ học kỳ II[\s\S]*Đang kiểm tra[\s\S]*0 nhận xét/, 'the second visit under way');
        await noHorizontalScroll(page, width);
      });
  });
});
