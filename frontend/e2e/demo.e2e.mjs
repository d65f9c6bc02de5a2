// A demo with something in it and a self-assessment that can be filled in (issue 18, points 6 and 5),
// at 1280 px and at 360 px, on the demo commune `make run` loads. A fresh app of its own.
// - The officer's plan tracking shows the schools' plans in every state and the to-do list what waits;
//   the leader's approval queue holds the nomination the council voted; anonymous visitors see the
//   awarded school on the honour board and the published results.
// - An empty list says what would fill it and offers the action the role has (once: not in the heading too).
// - The head of Tiểu học Tân Phương completes the demo's draft self-assessment: complete criteria are
//   closed, each missing item links to its field, evidence goes in several files at once (selection at
//   1280 px, drag-and-drop at 360 px) with their progress, and the list of what is missing shrinks.
import { test } from 'node:test';
import { describeWithApp, eventually, login, noHorizontalScroll, withPage } from './harness.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const WIDTHS = [1280, 360];

describeWithApp('The demo commune in the browser', (app) => {
  test('every role finds something to see and decide', async () => {
    for (const width of WIDTHS) {
      const viewport = { width, height: 800 };
      await withPage(app, `demo-officer-${width}`, { viewport }, async (page) => {
        await login(page, 'vhxh');
        await page.goto('/plans/tracking');
        const row = (code) => page.getByRole('row').filter({ hasText: code });
        await eventually(() => row('TH-TT').innerText(), /Đã phê duyệt/, 'the approved plan');
        await eventually(() => row('TH-DX').innerText(), /Đã gửi, chờ xem xét/, 'the plan submitted late');
        await eventually(() => row('TH-TP').innerText(), /Bị trả lại/, 'the returned plan');
        await eventually(() => row('MN-TT').innerText(), /Dự thảo/, 'the plan being drafted');
        await noHorizontalScroll(page, width, 'the plan tracking');
        await page.goto('/reminders');
        const list = page.locator('main');
        await eventually(() => list.innerText(), /Xem xét kế hoạch[\s\S]*Trường Tiểu học Đào Xá/, 'the late plan to review');
        await eventually(() => list.innerText(), /Xem xét tự đánh giá/, 'the self-assessments to review');
        await eventually(() => list.innerText(), /Xem xét đề nghị khen thưởng/, 'the nomination for the council');
        await noHorizontalScroll(page, width, 'the to-do list');
      });
      await withPage(app, `demo-leader-${width}`, { viewport }, async (page) => {
        await login(page, 'chutich');
        await page.goto('/reminders');
        await eventually(
          () => page.locator('main').innerText(),
          /Phê duyệt đề nghị khen thưởng/,
          'the nomination voted by the council, waiting for the leader',
        );
        await page.goto('/scorecards?school_year=2025-2026');
        const ranking = page.locator('table.ranking tbody tr').filter({ hasText: 'Trường Tiểu học Thanh Thủy' });
        await eventually(() => ranking.innerText(), /Hoàn thành xuất sắc/, 'the verified school in the ranking');
      });
      await withPage(app, `demo-public-${width}`, { viewport }, async (page) => {
        await page.goto('/bang-vang');
        await eventually(() => page.getByRole('table', { name: 'Bảng vàng' }).innerText(), /Trường Tiểu học Thanh Thủy/, 'the awarded school on the honour board');
        await page.goto('/ket-qua');
        await eventually(() => page.locator('main').innerText(), /2025-2026/, 'the published results');
        await noHorizontalScroll(page, width, 'the public results');
      });
    }
  });

  test('an empty list says what would fill it and offers the action', async () => {
    for (const width of WIDTHS)
      await withPage(app, `demo-empty-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        // THCS Thanh Thủy has not self-assessed yet; its head may start: the one button is in the empty list.
        await login(page, 'hieutruong.thcs');
        await page.goto('/assessments');
        const empty = page.getByRole('status').filter({ hasText: 'Chưa có bản tự đánh giá nào.' });
        await eventually(() => empty.innerText(), /Thủ trưởng trường tự đánh giá cho trường/, 'what would fill the list');
        const start = page.getByRole('button', { name: 'Bắt đầu tự đánh giá' });
        await eventually(() => start.count(), 1, 'one start button, in the empty list');
        await empty.getByRole('button', { name: 'Bắt đầu tự đánh giá' }).click();
        await page.getByRole('form', { name: 'Bắt đầu tự đánh giá' }).waitFor();
        await noHorizontalScroll(page, width, 'the empty list');
      });
  });

  test('the head of school sees what is missing, goes to it and adds several files at once', async () => {
    for (const width of WIDTHS)
      await withPage(app, `demo-fill-${width}`, { viewport: { width, height: 800 } }, async (page) => {
        await login(page, 'hieutruong.thtp');
        await page.goto('/assessments');
        await page.getByRole('link', { name: 'Trường Tiểu học Tân Phương' }).first().click();
        const missing = page.getByRole('navigation', { name: /Còn thiếu|Đã đủ/ });
        const before = Number((await eventually(() => missing.locator('h2').innerText(), /^Còn thiếu \d+ mục$/, 'the count of missing items')).match(/\d+/)[0]);

        // TC3 is complete: its section starts closed, with its completion; TC2 (values missing) is open.
        const section = (code) => page.locator('details.criterion').filter({ has: page.locator(`h2#crit-${code}`) });
        await eventually(() => section('TC3').evaluate((d) => d.open), false, 'the complete TC3 closed');
        await eventually(() => section('TC3').locator('summary').innerText(), /Đã có 1\/1 mục/, 'the completion of TC3');
        await eventually(() => section('TC2').evaluate((d) => d.open), true, 'TC2, with values missing, open');

        const code = width === 1280 ? 'TC2.1' : 'TC5.1';
        const input = `#${code.replace('.', '_')}-file`;
        if (width === 360) {
          // on a phone the bar at the bottom links to the list
          await page.locator('.score-sticky').getByRole('link', { name: `Còn thiếu ${before} mục` }).click();
        }
        await missing.getByRole('link', { name: `${code}: cần minh chứng` }).click();
        await eventually(() => page.evaluate(() => document.activeElement?.id), input.slice(1), `the focus on ${code}'s file picker`);

        const group = page.getByRole('group', { name: new RegExp(`^${code.replace('.', '\\.')} `) });
        const names = [`${code}-bien-ban.pdf`, `${code}-ke-hoach.pdf`];
        if (width === 1280) {
          await page.locator(input).setInputFiles(names.map((name) => ({ name, mimeType: 'application/pdf', buffer: PDF })));
        } else {
          // drag-and-drop: the files dropped on the indicator's zone
          await page.getByTestId(`${code.replace('.', '_')}-dropzone`).evaluate(
            (zone, [files, bytes]) => {
              const data = new DataTransfer();
              for (const name of files) data.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }));
              zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
            },
            [names, [...PDF]],
          );
        }
        for (const name of names) {
          await eventually(() => group.locator('.upload-list').innerText(), new RegExp(`${name.replace('.', '\\.')}\\s+Đã tải lên`), `${name} uploaded`);
          await group.getByRole('button', { name, exact: true }).waitFor();
        }
        await eventually(() => missing.locator('h2').innerText(), `Còn thiếu ${before - 1} mục`, 'one item fewer missing');
        await eventually(() => missing.innerText(), (text) => !text.includes(`${code}: cần minh chứng`), `${code} no longer listed`);
        await noHorizontalScroll(page, width, 'the self-assessment');
      });
  });
});
