// QĐ 4725 joined, not retyped (issue 20, points 5 and 6): the head of school enters the school's
// self-assessment on the Ministry's digital-transformation index, sees the level per group, and finds
// it beside the movement score on the scorecard, where the linked indicators say "từ Bộ chỉ số 4725".
// At 1280 px and at 360 px (no horizontal scrolling). A fresh app of its own.
import { before, test } from 'node:test';
import { apiAs, describeWithApp, eventually, login, noHorizontalScroll, submittedSchoolAssessment, withPage } from './harness.mjs';

const YEAR = '2025-2026';
// Index order of the criteria (1.1 … 2.4) and the head's answers: group I 24 + 8 + 15 + 14 + 16 = 77
// points (level 3), group II 40 + 20 = 60 points (level 2).
const ANSWERS = [
  ['values.0.met', 'true'],
  ['values.1.met', 'true'],
  ['values.2.points', '24'],
  ['values.3.points', '8'],
  ['values.4.points', '15'],
  ['values.5.points', '14'],
  ['values.6.points', '16'],
  ['values.7.met', 'true'],
  ['values.8.met', 'true'],
  ['values.9.points', '40'],
  ['values.10.points', '20'],
];

describeWithApp('QĐ 4725 in the browser', (app) => {
  let assessmentId;
  before(async () => {
    // The school's movement self-assessment, typed and submitted before the 4725 result exists
    // (TC2.1 80 %, TC2.4 100 %): the ranking lists submitted scorecards.
    const head = await apiAs(app, 'hieutruong.thcs');
    assessmentId = (await submittedSchoolAssessment(head, YEAR)).id;
  });

  test('the head enters the 4725 self-assessment and sees the level beside the movement score', async () => {
    for (const width of [1280, 360])
      await withPage(app, `dti-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        await login(page, 'hieutruong.thcs');
        await page.goto(`/dti?school_year=${YEAR}`);
        await page.getByRole('heading', { name: /QĐ 4725/, level: 1 }).waitFor();
        const field = (id) => page.locator(`[id="${id}"]`);
        if (width === 1280) {
          for (const [id, value] of ANSWERS) {
            const el = field(id);
            await el.waitFor();
            if (id.endsWith('.met')) await el.selectOption(value);
            else await el.fill(value);
          }
          await page.getByRole('button', { name: 'Lưu kết quả tự đánh giá' }).click();
          await eventually(() => page.getByRole('status').innerText(), /Đã lưu/, 'the save is confirmed');
        } else {
          await eventually(() => field('values.2.points').inputValue(), '24', 'the stored answer is shown');
        }
        const result = page.getByTestId('dti-result');
        await eventually(() => result.innerText(), /Nhóm I: Mức 3 \(77 điểm\)/, 'group I level on the DTI page');
        await eventually(() => result.innerText(), /Nhóm II: Mức 2 \(60 điểm\)/, 'group II level on the DTI page');
        await noHorizontalScroll(page, width, 'the DTI page');

        // The scorecard: the 4725 levels beside the movement score; TC2.1 (1.3, 1.6) = 76 % from the index.
        await page.goto(`/scorecards/${assessmentId}`);
        const levels = page.getByTestId('scorecard-dti');
        await eventually(() => levels.innerText(), /Nhóm I: Mức 3.*Nhóm II: Mức 2/s, 'the 4725 levels on the scorecard');
        const tc21 = page.locator('.lost-table tr, .lost-table [role="row"]').filter({ hasText: 'TC2.1' }).first();
        await eventually(() => tc21.innerText(), /từ Bộ chỉ số 4725/, 'TC2.1 says where its value comes from');
        await eventually(() => tc21.innerText(), /76/, 'TC2.1 takes 76 % from the 4725 result');
        await noHorizontalScroll(page, width, 'the scorecard');

        // The ranking: the school's 4725 level per group in its own column.
        await page.goto(`/scorecards?school_year=${YEAR}`);
        const row = page.locator('table tbody tr').filter({ hasText: 'Trường THCS Thanh Thủy' }).first();
        await eventually(() => row.innerText(), /I: Mức 3.*II: Mức 2/s, 'the 4725 levels in the ranking');
      });
  });
});

