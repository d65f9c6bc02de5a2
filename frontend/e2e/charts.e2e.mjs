// Pictures where people would rather look than read (issue 18, item 7): the commune's dashboard charts
// (results across the years, classification, content areas, plans tracking, report submission) and a
// school's results beside the commune's average, each with its numbers as a table beside it, at 1280 px
// and at 360 px. A fresh app of its own.
import { after, before, describe, test } from 'node:test';
import { apiAs, eventually, login, skipReason, startApp, withPage } from './harness.mjs';

const skip = skipReason();
const year = '2025-2026';
const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const dmy = (iso) => iso.split('-').reverse().map((x, i) => (i < 2 ? String(Number(x)) : x)).join('/');
const vn = (n) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(Number(n));

describe('Charts in the browser', { skip: skip ?? false, timeout: 300_000 }, () => {
  let app;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.stop();
  });

  test('the commune reads its figures in pictures, each with its table; a school sees itself beside the average', async () => {
    // setup through the API: THCS Thanh Thủy's self-assessment submitted, a report request due in 10 days
    const head = await apiAs(app, 'hieutruong.thcs');
    const officer = await apiAs(app, 'vhxh');
    const units = await head('GET', '/units?q=THCS-TT&kind=school');
    const school = units.items.find((u) => u.code === 'THCS-TT');
    const found = await head('GET', `/self-assessments?unit_id=${school.id}&school_year=${year}&subject_kind=unit`);
    let a = found.items.length
      ? await head('GET', `/self-assessments/${found.items[0].id}`)
      : await head('POST', '/self-assessments', {
          framework_id: (await head('GET', '/frameworks?status=active&subject_kind=unit')).items.find((f) => f.code === 'BDC-CSGD').id,
          school_year: year,
        });
    if (a.status === 'draft') {
      const values = { 'TC2.1': 80, 'TC2.2': 1, 'TC2.3': 10, 'TC2.4': 100, 'TC3.3': 2, 'TC5.1': 1, 'TC5.2': 0 };
      a = await head(
        'PUT',
        `/self-assessments/${a.id}/entries`,
        { entries: Object.entries(values).map(([indicator_code, value]) => ({ indicator_code, value })) },
        { 'If-Match': `"${a.version}"` },
      );
      for (const code of ['TC2.1', 'TC5.1'])
        await head('POST', `/self-assessments/${a.id}/evidence/links`, {
          indicator_code: code,
          url: `https://thcs-thanhthuy.edu.vn/minh-chung/${code}`,
          title: `Minh chứng ${code}`,
        });
      a = await head('GET', `/self-assessments/${a.id}`);
      a = await head('POST', `/self-assessments/${a.id}/submit`, undefined, { 'If-Match': `"${a.version}"` });
    }
    const movement = (await officer('GET', '/movements')).items[0];
    const due = inDays(10);
    const request = await officer('POST', '/report-requests', {
      movement_id: movement.id,
      kind: 'ad_hoc',
      title: 'Báo cáo nhanh số liệu chuyển đổi số',
      school_year: year,
      due_date: due,
      unit_ids: [school.id],
    });
    const tracking = await officer('GET', `/plans/tracking?movement_id=${movement.id}`);
    const received = tracking.filter((r) => r.received_date !== null).length;
    const history = await head('GET', `/scorecards/${a.id}/history`);
    const thisYear = history.years.find((y) => y.school_year === year);

    for (const width of [1280, 360]) {
      const scroll = (page) => () => page.evaluate(() => document.documentElement.scrollWidth);

      await withPage(app, `charts-dashboard-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        await login(page, 'vhxh');
        const table = (id) => page.getByTestId(id).locator('table.chart-table');
        const row = (id, name) => table(id).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

        // plans tracking: the number of schools that received the commune's plan, as the API counts them
        await eventually(() => row('chart-plans', 'Đã nhận kế hoạch của xã').innerText(), new RegExp(`\\t${received}$`), 'schools that received the plan');
        await eventually(() => row('chart-plans', 'Đã duyệt').count(), 1, 'the approved plans in the table');

        // report submission over time: the new request, by its due date, with its one school not in yet
        const reports = table('chart-reports').getByRole('row').filter({ hasText: request.title });
        await eventually(() => reports.innerText(), new RegExp(`^${dmy(due).replaceAll('/', '\\/')} · .*\\t0\\t0\\t1$`), 'the request: on time, late, not submitted');

        // results: the classification of the year, and completion per content area in percent
        await eventually(() => table('chart-classification').innerText(), new RegExp(`${thisYear.classification_label}\\t[1-9]`), "the school's classification counted");
        await eventually(() => table('chart-areas').getByRole('row').count(), (n) => n > 2, 'a row per content area');
        await eventually(() => table('chart-areas').innerText(), / %/, 'percentages in the content-area table');

        // every chart is drawn (an SVG picture, one image for assistive technology) beside its table
        await eventually(() => page.locator('.chart-plot[role="img"] svg').count(), (n) => n >= 5, 'the charts drawn');
        await eventually(() => page.locator('.chart-plot[role="img"]').first().getAttribute('aria-label'), /số liệu ở bảng bên cạnh/, "a chart's summary");
        await eventually(scroll(page), (px) => px <= width, `no horizontal scrolling at ${width} px (scrollWidth)`);
      });

      await withPage(app, `charts-history-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        await login(page, 'hieutruong.thcs');
        await page.goto(`/scorecards/${a.id}`);
        const figure = page.getByTestId('chart-history');
        await figure.locator('.chart-plot svg').first().waitFor();
        const yearRow = figure.locator('table.chart-table').getByRole('row').filter({ hasText: year });
        await eventually(
          () => yearRow.innerText(),
          `${year}\t${vn(thisYear.completion_percent)} %\t${vn(thisYear.commune_average_percent)} %`,
          "the school's completion beside the commune's average",
        );
        await eventually(() => figure.locator('thead').innerText(), /Bình quân của xã/, 'the average named in the table');
        await eventually(scroll(page), (px) => px <= width, `no horizontal scrolling at ${width} px (scrollWidth)`);
      });
    }
  });
});
