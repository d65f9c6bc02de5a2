// Pictures where people would rather look than read (issue 18, item 7): the commune's dashboard charts
// (results across the years, classification, content areas, plans tracking, report submission) and a
// school's results beside the commune's average, each with its numbers as a table beside it, at 1280 px
// and at 360 px. A fresh app of its own.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, openMenu, submittedSchoolAssessment, withPage } from './harness.mjs';

const year = '2025-2026';
const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const dmy = (iso) => iso.split('-').reverse().map((x, i) => (i < 2 ? String(Number(x)) : x)).join('/');
const vn = (n) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(Number(n));

describeWithApp('Charts in the browser', (app) => {
  test('the commune reads its figures in pictures, each with its table; a school sees itself beside the average', async () => {
    // setup through the API: THCS Thanh Thủy's self-assessment submitted, a report request due in 10 days
    const head = await apiAs(app, 'hieutruong.thcs');
    const officer = await apiAs(app, 'vhxh');
    const school = (await head('GET', '/units?q=THCS-TT&kind=school')).items.find((u) => u.code === 'THCS-TT');
    const a = await submittedSchoolAssessment(head, year);
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
        await noHorizontalScroll(page, width);
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
        await noHorizontalScroll(page, width);
      });
    }
  });

  test('the results of every school export as XLSX through the job queue, at 1280 px and 360 px', async () => {
    await submittedSchoolAssessment(await apiAs(app, 'hieutruong.thcs'), year);
    for (const width of [1280, 360])
      await withPage(app, `export-ranking-${width}`, { viewport: { width, height: 800 }, acceptDownloads: true }, async (page) => {
        await login(page, 'vhxh');
        await openMenu(page, 'Bảng xếp hạng');
        await page
          .getByLabel('Bảng điểm chuẩn', { exact: true })
          .selectOption({ label: 'BDC-CSGD (phiên bản 1) – Bảng điểm chuẩn đối với các cơ sở giáo dục' });
        await page.getByLabel('Năm học').selectOption(year);
        await page.locator('table.ranking tbody tr').filter({ hasText: 'Trường THCS Thanh Thủy' }).waitFor();
        // the button asks the server, whose job queue builds the file; the link appears when it is done
        await page.getByRole('button', { name: 'Xuất Excel (XLSX)' }).click();
        const link = page.getByRole('link', { name: new RegExp(`^Tải xep-hang-\\d+-${year}\\.xlsx$`) });
        await link.waitFor();
        await eventually(() => page.getByRole('status').filter({ has: link }).innerText(), /^Tệp đã sẵn sàng:/, 'the file is ready');
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        assert.match(download.suggestedFilename(), new RegExp(`^xep-hang-\\d+-${year}\\.xlsx$`));
        assert.equal(readFileSync(await download.path()).subarray(0, 2).toString(), 'PK');
        await noHorizontalScroll(page, width);
      });
  });
});
