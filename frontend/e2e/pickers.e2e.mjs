// Pickers instead of ids (issue 18, item 1): the commune officer chooses an inspection team by name
// at 1280 px and at 360 px, and the finance office sees a plan's task owners by name, not "#46".
// A fresh app of its own (its own database), so the other suites are not disturbed.
import { test } from 'node:test';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, withPage } from './harness.mjs';

describeWithApp('Pickers and names in the browser', (app) => {
  for (const width of [1280, 360]) {
    test(`the commune officer picks the inspection team by name at ${width} px`, async () => {
      await withPage(app, `picker-team-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        await login(page, 'vhxh');
        await page.goto('/inspections/new');
        await page.getByRole('heading', { name: 'Lập đợt kiểm tra', level: 1 }).waitFor();
        const team = page.getByRole('group', { name: 'Thành viên đoàn kiểm tra' });
        // only inspectors are offered, by name and login, never an id to type
        await eventually(() => team.getByRole('checkbox').allInnerTexts(), (l) => l.length >= 1, 'inspectors offered');
        await eventually(() => page.getByText('Số hiệu tài khoản').count(), 0, 'no field asking for account ids');
        await page.getByLabel('Tìm theo tên').fill('không có ai tên này');
        await page.getByText('Không tìm thấy mục nào khớp.').waitFor();
        await page.getByLabel('Tìm theo tên').fill('Tuấn');
        await team.getByRole('checkbox', { name: 'Lê Minh Tuấn (kiemtra)' }).check();
        const chosen = page.locator('#member_user_ids .chip');
        await eventually(() => chosen.allInnerTexts(), (l) => l.length === 1 && /Lê Minh Tuấn/.test(l[0]), 'the chip');
        // the choice stays when the search changes, and can be removed by name
        await page.getByLabel('Tìm theo tên').fill('');
        await eventually(() => chosen.count(), 1, 'the choice kept after a new search');
        await page.getByRole('button', { name: 'Bỏ Lê Minh Tuấn' }).click();
        await eventually(() => chosen.count(), 0, 'the choice removed');
        await noHorizontalScroll(page, width);
      });
    });
  }

  test('the finance office sees task owners by name', async () => {
    const head = await apiAs(app, 'hieutruong.thcs');
    const movement = (await head('GET', '/movements')).items[0];
    const staff = (await head('GET', '/staff?limit=1')).items[0];
    const plan = await head('POST', '/plans', {
      movement_id: movement.id,
      number: '7/KH-THCS',
      title: 'Kế hoạch chuyển đổi số',
      content: {
        objectives: 'Bồi dưỡng kỹ năng số',
        tasks: [{ title: 'Tập huấn giáo viên', owner_staff_id: staff.id, start_date: '2026-05-01', due_date: '2026-05-20' }],
      },
    });
    for (const width of [1280, 360])
      await withPage(app, `owner-names-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        await login(page, 'kinhte');
        await page.goto(`/plans/${plan.id}`);
        const month = page.getByRole('region', { name: 'Lịch nhiệm vụ theo tháng' });
        await eventually(() => month.innerText(), new RegExp(`Tập huấn giáo viên[\\s\\S]*${staff.full_name}`), 'the owner by name');
        await eventually(() => month.innerText(), (s) => !/#\d/.test(s), 'no "#id" instead of a name');
      });
  });

  test('a head of school is offered only the units they may nominate from', async () => {
    await withPage(app, 'nomination-units', { viewport: { width: 360, height: 800 } }, async (page) => {
      await login(page, 'hieutruong.thcs');
      await page.goto('/awards/nominations/new');
      const units = page.locator('#unit_id option');
      await eventually(() => units.allInnerTexts(), (l) => l.includes('Trường THCS Thanh Thủy'), 'the own school offered');
      await eventually(
        () => units.allInnerTexts(),
        (l) => !l.some((name) => name.startsWith('Trường') && name !== 'Trường THCS Thanh Thủy'),
        'no other school offered',
      );
    });
  });
});
