// A to-do list that misses nothing (issue 18, item 3): what waits on the inspector (an inspection to
// record) and on the head of school (a report due in a month) is listed with its date and a link,
// at 1280 px and at 360 px. A fresh app of its own.
import { test } from 'node:test';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, withPage } from './harness.mjs';

const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const dmy = (iso) => iso.split('-').reverse().map((x, i) => (i < 2 ? String(Number(x)) : x)).join('/');

describeWithApp('Reminders in the browser', (app) => {
  test('the inspector and the head of school see what waits on them', async () => {
    const officer = await apiAs(app, 'vhxh');
    const [inspector] = await officer('GET', '/lookups/people?role=inspector&q=kiemtra');
    const schools = await officer('GET', '/lookups/units?kind=school&q=THCS-TT');
    const school = schools.find((u) => u.detail === 'THCS-TT');
    const inspection = await officer('POST', '/inspections', {
      kind: 'periodic',
      title: 'Kiểm tra chuyển đổi số học kỳ II',
      school_year: '2025-2026',
      inspection_date: inDays(3),
      member_user_ids: [inspector.id],
      unit_ids: [school.id],
    });
    const movement = (await officer('GET', '/movements')).items[0];
    const due = inDays(20); // beyond the old 7-day window: listed all the same
    await officer('POST', '/report-requests', {
      movement_id: movement.id,
      kind: 'ad_hoc',
      title: 'Báo cáo chuyên đề thư viện số',
      school_year: '2025-2026',
      due_date: due,
      unit_ids: [school.id],
    });
    const cases = [
      ['kiemtra', 'Ghi kết quả kiểm tra: Kiểm tra chuyển đổi số học kỳ II', dmy(inDays(3)), `/inspections/${inspection.id}`],
      ['hieutruong.thcs', 'Nộp báo cáo: Báo cáo chuyên đề thư viện số', dmy(due), '/report-requests/'],
    ];
    for (const width of [1280, 360])
      for (const [user, title, date, href] of cases)
        await withPage(app, `reminders-${user}-${width}`, { viewport: { width, height: 800 } }, async (page) => {
          await login(page, user);
          await page.goto('/reminders');
          await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
          const link = page.getByRole('link', { name: title });
          await eventually(() => link.getAttribute('href'), (h) => !!h && h.startsWith(href), `the link of "${title}"`);
          const row = page.locator('table.reminders tbody tr, .reminders [role="row"], .reminders li').filter({ hasText: title });
          await eventually(() => row.first().innerText(), new RegExp(date.replaceAll('/', '\\/')), `the date of "${title}" as d/m/yyyy`);
          await link.click();
          await eventually(() => page.url(), (u) => new URL(u).pathname.startsWith(href), `"${title}" opens its page`);
          await noHorizontalScroll(page, width);
        });
  });
});
