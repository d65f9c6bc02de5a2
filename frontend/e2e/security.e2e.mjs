// Script and HTML typed into the free-text fields of a plan, a report, a nomination and a story, by the
// roles that write them, stay text: after saving and reloading, every page that shows them (detail pages,
// lists, the public story page) shows the characters exactly as typed, no markup from them reaches the DOM
// and nothing runs — a `window.__xss` trap, page dialogs and CSP violations are all counted.
// Imported by app.e2e.test.mjs; a fresh app of its own.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, describeWithApp, eventually, login, withPage } from './harness.mjs';

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** What an attacker would type. Each one, if ever treated as markup or code, sets window.__xss or opens a dialog. */
const PAYLOADS = [
  `<img src=x onerror="window.__xss=1">`,
  `<script>window.__xss=1</script>`,
  `"><svg onload=window.__xss=1>`,
  `javascript:window.__xss=1`,
  `{{constructor.constructor('window.__xss=1')()}}`,
  `<img src=x onerror=alert(1)>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<a href="javascript:window.__xss=1">Xem chi tiết</a>`,
  `<b>in đậm</b> &lt;i&gt; &amp; \${window.__xss=1}`,
].map((p) => p.normalize('NFC'));

/** `tag` and then as many payloads as fit in `max` characters, starting at payload `start`. */
function typed(tag, max, start = 0) {
  const parts = tag ? [tag] : [];
  for (let i = 0; i < PAYLOADS.length; i++) {
    const next = PAYLOADS[(start + i) % PAYLOADS.length];
    if ([...parts, next].join(' ').length > max) break;
    parts.push(next);
  }
  return parts.join(' ');
}

// The figures printed at the end (SECURITY.md).
const covered = { plan: [], report: [], nomination: [], story: [] };
const payloadsUsed = new Set();
const pagesChecked = new Set();
let views = 0;
let executed = 0;

function field(resource, name, value) {
  covered[resource].push(name);
  for (const p of PAYLOADS) if (value.includes(p)) payloadsUsed.add(p);
  return value;
}

/**
 * Installs the trap in the page's browser context (every frame, before any script of the page):
 * a write to window.__xss, a dialog, or a Content-Security-Policy violation is recorded in the list returned.
 */
async function trap(page) {
  const hits = [];
  const context = page.context();
  await context.exposeBinding('__xssHit', ({ frame }, what) => {
    hits.push(`${what} (${frame.url()})`);
  });
  await context.addInitScript(() => {
    Object.defineProperty(window, '__xss', {
      configurable: false,
      get: () => undefined,
      set: () => {
        void window.__xssHit('window.__xss was set');
      },
    });
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__xssHit(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on('dialog', (d) => {
    hits.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|frame)/i.test(m.text())) hits.push(`console: ${m.text()}`);
  });
  return hits;
}

/** Elements and attributes that can only come from user text rendered as HTML (the app itself has none). */
function injectedMarkup() {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    if (['iframe', 'svg', 'object', 'embed'].includes(el.localName)) found.push(`<${el.localName}>`);
    if (el.localName === 'script' && !el.getAttribute('src')) found.push('inline <script>');
    if (el.localName === 'img' && el.getAttribute('src') === 'x') found.push('<img src=x>');
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(`<${el.localName} ${a.name}>`);
      if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\s*javascript:/i.test(a.value))
        found.push(`<${el.localName} ${a.name}="${a.value}">`);
    }
  }
  return found;
}

/** Which of `text` are not in the page's visible text, and which of `values` no input or textarea holds. */
function missingText([text, values]) {
  const body = document.body.innerText;
  const held = [...document.querySelectorAll('input, textarea')].map((e) => e.value);
  return [...text.filter((t) => !body.includes(t)), ...values.filter((v) => !held.includes(v)).map((v) => `(field) ${v}`)];
}

/**
 * The page `where` shows every string of `text` literally in its visible text (and every string of `values`
 * in a form field), no markup from them is in the DOM, and nothing ran.
 */
async function expectLiteral(page, hits, where, { text = [], values = [] }) {
  try {
    await page.waitForFunction((args) => {
      const body = document.body.innerText;
      const held = [...document.querySelectorAll('input, textarea')].map((e) => e.value);
      return args[0].every((t) => body.includes(t)) && args[1].every((v) => held.includes(v));
    }, [text, values], { timeout: 10_000 });
  } catch {
    const missing = await page.evaluate(missingText, [text, values]);
    assert.fail(`${where}: not shown literally:\n${missing.join('\n')}`);
  }
  // a rendered <img src=x onerror> fires its handler once the image has failed: wait for every image to settle
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  const markup = await page.evaluate(injectedMarkup);
  views += 1;
  pagesChecked.add(new URL(page.url()).pathname.replace(/\d+/g, ':id'));
  executed += hits.length;
  assert.deepEqual(markup, [], `${where}: markup from user text in the DOM`);
  assert.deepEqual(hits, [], `${where}: something ran`);
}

describeWithApp('Script and HTML in free-text fields stay text', (app) => {
  after(() => {
    const fields = Object.entries(covered).map(([r, f]) => `${r} ${f.length} (${f.join(', ')})`);
    console.log(
      `# XSS figures: fields ${fields.join('; ')}; payloads ${payloadsUsed.size}/${PAYLOADS.length}; ` +
        `${views} page views of ${pagesChecked.size} pages (${[...pagesChecked].join(' ')}); executed ${executed}`,
    );
  });

  const status = (page, text) => page.getByRole('status').filter({ hasText: text }).waitFor();

  test('a plan: the school writes it, the commune reads and returns it', async () => {
    const plan = {
      number: field('plan', 'number', typed('15/KH', 60, 2)),
      title: field('plan', 'title', typed('Kế hoạch', 500, 0)),
      objectives: field('plan', 'objectives', typed('Mục tiêu', 8000, 1)),
      responsibilities: field('plan', 'responsibilities', typed('Phân công', 8000, 3)),
      targetNote: field('plan', 'targets.note', typed('Ghi chú chỉ tiêu', 1000, 4)),
      taskTitle: field('plan', 'tasks.title', typed('Nhiệm vụ', 500, 5)),
      taskPeriod: field('plan', 'tasks.period', typed('', 30, 5)),
      milestone: field('plan', 'roadmap.title', typed('Mốc', 300, 6)),
      budget: field('plan', 'budget_lines.description', typed('Nội dung chi', 500, 7)),
      comment: field('plan', 'return comment', typed('Ý kiến trả lại', 4000, 8)),
    };
    // the plan read only; the budget stays a form for whoever may edit it (the school, the commune officer)
    const shown = [plan.title, plan.number, plan.objectives, plan.responsibilities, plan.targetNote, plan.taskTitle];
    shown.push(plan.milestone);
    let planUrl;

    // a school plan is sent only after the school has acknowledged the commune's plan
    const head = await apiAs(app, 'hieutruong.thcs');
    const commune = (await head('GET', '/plans?limit=200')).items.find((p) => p.kind === 'commune' && p.issued_at);
    assert.ok(commune, 'the demo commune has an issued plan');
    await head('POST', `/plans/${commune.id}/acknowledge`);

    await withPage(app, 'xss-plan-school', {}, async (page) => {
      const hits = await trap(page);
      await login(page, 'hieutruong.thcs');
      await page.goto('/plans/new');
      await page.getByLabel('Số, ký hiệu').fill(plan.number);
      await page.getByLabel('Tên kế hoạch').fill(plan.title);
      await page.getByRole('button', { name: 'Tạo mới' }).click();
      await page.waitForURL(/\/plans\/\d+$/);
      planUrl = new URL(page.url()).pathname;

      await page.locator('#objectives').fill(plan.objectives);
      await page.locator('#responsibilities').fill(plan.responsibilities);
      await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
      await page.locator('#target-0-indicator option').nth(1).waitFor({ state: 'attached' });
      await page.locator('#target-0-indicator').selectOption({ index: 1 });
      await page.locator('#target-0-value').fill('90');
      await page.locator('#target-0-note').fill(plan.targetNote);
      await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
      await page.locator('#task-0-title').fill(plan.taskTitle);
      await page.locator('#task-0-start').fill(day(0));
      await page.locator('#task-0-due').fill(day(20));
      await page.locator('#task-0-period').fill(plan.taskPeriod);
      await page.getByRole('button', { name: 'Thêm mốc' }).click();
      await page.locator('#milestone-0-title').fill(plan.milestone);
      await page.locator('#milestone-0-date').fill(day(30));
      await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
      await status(page, 'Đã lưu kế hoạch.');
      await page.getByRole('button', { name: 'Thêm khoản kinh phí' }).click();
      await page.locator('#budget-0-amount').fill('1500000');
      await page.locator('#budget-0-description').fill(plan.budget);
      await page.getByRole('button', { name: 'Lưu kinh phí' }).click();
      await status(page, 'Đã lưu kinh phí.');

      // the draft, reloaded: the form holds exactly what was typed, the month view shows the task
      await page.reload();
      await expectLiteral(page, hits, 'plan page (draft, editor)', {
        text: [plan.title, plan.taskTitle],
        values: [...shown, plan.taskPeriod, plan.budget],
      });
      await page.getByRole('button', { name: 'Gửi kế hoạch' }).click();
      await status(page, 'Đã gửi kế hoạch.');
      await page.reload();
      await expectLiteral(page, hits, 'plan page (submitted, read only)', { text: shown, values: [plan.budget] });
      await page.goto('/plans');
      await expectLiteral(page, hits, 'plans list', { text: [plan.number, plan.title] });
    });

    await withPage(app, 'xss-plan-commune', {}, async (page) => {
      const hits = await trap(page);
      await login(page, 'vhxh');
      await page.goto(planUrl);
      await expectLiteral(page, hits, 'plan page (commune review)', { text: shown, values: [plan.budget] });
      await page.locator('#return_comment').fill(plan.comment);
      await page.getByRole('button', { name: 'Trả lại' }).click();
      await status(page, 'Đã trả lại kế hoạch.');
      await page.reload();
      // the comment twice: the returned-plan note and the versions table
      await expectLiteral(page, hits, 'plan page (returned, versions)', { text: [plan.comment, plan.title] });
      const inVersions = page.locator('table.plan-versions').getByText(plan.comment, { exact: true });
      await eventually(() => inVersions.count(), 1, 'the return comment in the versions table');
      const inNote = page.getByRole('note').getByText(plan.comment, { exact: true });
      await eventually(() => inNote.count(), 1, 'the return comment in the returned-plan note');
    });

    await withPage(app, 'xss-plan-leader', {}, async (page) => {
      const hits = await trap(page);
      await login(page, 'chutich');
      await page.goto(planUrl);
      await expectLiteral(page, hits, 'plan page (leader, all read only)', { text: [...shown, plan.budget, plan.comment] });
    });
  });

  test('a report: the commune requests it, the school answers it, the commune consolidates it', async () => {
    const school = 'Trường THCS Thanh Thủy';
    const request = {
      title: field('report', 'request title', typed('Báo cáo quý', 300, 1)),
      period: field('report', 'request period_label', typed('Quý', 100, 2)),
      note: field('report', 'request note', typed('Ghi chú yêu cầu', 4000, 0)),
    };
    const report = {
      results: field('report', 'results', typed('Kết quả', 20000, 3)),
      difficulties: field('report', 'difficulties', typed('Khó khăn', 20000, 4)),
      proposals: field('report', 'proposals', typed('Đề xuất', 20000, 5)),
    };
    const requestText = [request.title, request.period, request.note];
    const answers = [report.results, report.difficulties, report.proposals];

    await withPage(app, 'xss-report-commune', {}, async (page) => {
      const hits = await trap(page);
      await login(page, 'vhxh');
      await page.goto('/report-requests/new');
      await page.getByLabel('Loại báo cáo').selectOption('quarter');
      await page.getByLabel('Tên báo cáo').fill(request.title);
      await page.getByLabel('Kỳ báo cáo').fill(request.period);
      await page.getByLabel('Hạn nộp').fill(day(5));
      await page.locator('#note').fill(request.note);
      await page.getByLabel(school).check();
      await page.getByRole('button', { name: 'Gửi yêu cầu báo cáo' }).click();
      await page.waitForURL(/\/report-requests\/\d+$/);
      const requestUrl = new URL(page.url()).pathname;
      await expectLiteral(page, hits, 'report request page', { text: requestText });
      await page.goto('/report-requests');
      await expectLiteral(page, hits, 'report requests list', { text: [request.title, request.period] });

      await withPage(app, 'xss-report-school', {}, async (head) => {
        const headHits = await trap(head);
        await login(head, 'hieutruong.thcs');
        await head.goto('/reminders');
        await expectLiteral(head, headHits, 'to-do list', { text: [request.title] });
        await head.goto(requestUrl);
        await expectLiteral(head, headHits, 'report request page (school)', { text: requestText });
        await head.getByRole('button', { name: 'Lập báo cáo' }).click();
        await head.getByRole('heading', { name: `Báo cáo của ${school}`, level: 1 }).waitFor();
        await head.locator('#results').fill(report.results);
        await head.locator('#difficulties').fill(report.difficulties);
        await head.locator('#proposals').fill(report.proposals);
        await head.getByRole('button', { name: 'Nộp báo cáo' }).click();
        await status(head, 'Đã nộp báo cáo.');
        await head.reload();
        await expectLiteral(head, headHits, 'report page (submitted)', { text: [request.title], values: answers });
      });

      await page.goto(requestUrl);
      await expectLiteral(page, hits, 'report request page (consolidated)', {
        text: [...requestText, report.difficulties, report.proposals],
      });
      await page.getByRole('link', { name: school }).click();
      await page.waitForURL(/\/reports\/\d+$/);
      await expectLiteral(page, hits, 'report page (commune)', { text: [request.title], values: answers });
    });
  });

  test('a nomination: the school writes it, the council reviews it, the leader approves and another is refused', async () => {
    const nomination = {
      justification: field('nomination', 'justification', typed('Thành tích', 8000, 0)),
      comment: field('nomination', 'review comment', typed('Ý kiến Hội đồng', 4000, 2)),
      override: field('nomination', 'override_reason', typed('Lý do vượt điều kiện', 4000, 4)),
      note: field('nomination', 'approve note', typed('Ý kiến phê duyệt', 4000, 6)),
      reason: field('nomination', 'reject reason', typed('Lý do không phê duyệt', 4000, 8)),
    };
    const officer = await apiAs(app, 'vhxh');
    const staff = async (code) => (await officer('GET', `/staff?q=${code}`)).items[0];
    const flagged = await staff('TH-TT-06'); // an open reprimand in the demo: approval needs a reason
    const other = await staff('TH-TT-05');
    const round = (await officer('GET', '/award-rounds')).items[0];
    await officer('POST', '/council-meetings', {
      round_id: round.id,
      held_on: day(0),
      location: 'Hội trường UBND xã',
      chair: 'Nguyễn Văn Chủ',
      secretary: 'Lê Thị Thư',
      members_present: ['Nguyễn Văn Chủ', 'Lê Thị Thư', 'Trần Văn Ủy', 'Phạm Thị Viên', 'Hoàng Văn Bảy'],
      members_total: 7,
    });
    // a second nomination, through the API up to the council's vote, for the leader to refuse
    const head = await apiAs(app, 'hieutruong.th');
    let refused = await head('POST', '/nominations', {
      round_id: round.id,
      award_type_code: 'GK-XA-CN',
      unit_id: other.unit_id,
      staff_id: other.id,
      justification: 'Xây dựng kho học liệu số dùng chung.',
    });
    refused = await head('POST', `/nominations/${refused.id}/submit`, undefined, { 'If-Match': `"${refused.version}"` });
    const meetings = await officer('GET', `/council-meetings?round_id=${round.id}`);
    await officer(
      'POST',
      `/nominations/${refused.id}/review`,
      { meeting_id: meetings.items[0].id, votes_for: 2, votes_cast: 5 },
      { 'If-Match': `"${refused.version}"` },
    );
    let nominationUrl;

    await withPage(app, 'xss-nomination-school', {}, async (page) => {
      const hits = await trap(page);
      await login(page, 'hieutruong.th');
      await page.goto('/awards/nominations/new');
      await page.getByLabel('Đợt khen thưởng').locator('option').nth(1).waitFor({ state: 'attached' });
      await page.getByLabel('Hình thức khen thưởng').selectOption('GK-XA-CN');
      const person = page.getByLabel('Cán bộ', { exact: true });
      await person.locator(`option[value="${flagged.id}"]`).waitFor({ state: 'attached' });
      await person.selectOption(String(flagged.id));
      await page.getByText('Chưa đủ điều kiện', { exact: true }).waitFor();
      await page.locator('#justification').fill(nomination.justification);
      await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
      await page.waitForURL(/\/awards\/nominations\/\d+$/);
      nominationUrl = new URL(page.url()).pathname;
      await page.reload();
      await expectLiteral(page, hits, 'nomination page (draft, editor)', { values: [nomination.justification] });
      await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
      await page.getByText('Đã gửi đề nghị', { exact: true }).first().waitFor();
      await page.reload();
      await expectLiteral(page, hits, 'nomination page (submitted)', { text: [nomination.justification] });
    });

    await withPage(app, 'xss-nomination-council', {}, async (page) => {
      const hits = await trap(page);
      await login(page, 'vhxh');
      await page.goto(nominationUrl);
      await expectLiteral(page, hits, 'nomination page (council)', { text: [nomination.justification] });
      const meeting = page.getByLabel('Phiên họp Hội đồng');
      await meeting.locator('option').nth(1).waitFor({ state: 'attached' });
      await meeting.selectOption({ index: 1 });
      await page.getByLabel('Số phiếu đồng ý').fill('5');
      await page.getByLabel('Số phiếu biểu quyết').fill('5');
      await page.locator('#comment').fill(nomination.comment);
      await page.getByRole('button', { name: 'Ghi kết quả Hội đồng' }).click();
      await page.getByText('Hội đồng đã xét', { exact: true }).first().waitFor();
      await page.reload();
      await expectLiteral(page, hits, 'nomination page (reviewed)', { text: [nomination.justification, nomination.comment] });
    });

    await withPage(app, 'xss-nomination-leader', {}, async (page) => {
      const hits = await trap(page);
      await login(page, 'chutich');
      await page.goto(nominationUrl);
      await page.locator('#override_reason').fill(nomination.override);
      await page.locator('#note').fill(nomination.note);
      await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
      await page.getByText('Đã phê duyệt', { exact: true }).first().waitFor();
      await page.reload();
      await expectLiteral(page, hits, 'nomination page (approved)', {
        text: [nomination.justification, nomination.comment, nomination.override, nomination.note],
      });

      await page.goto(`/awards/nominations/${refused.id}`);
      await page.locator('#reason').fill(nomination.reason);
      await page.getByRole('button', { name: 'Không phê duyệt', exact: true }).click();
      await page.getByText('Không phê duyệt', { exact: true }).first().waitFor();
      await page.reload();
      await expectLiteral(page, hits, 'nomination page (refused)', { text: [nomination.reason] });
    });
  });

  test('a story: communications writes and publishes it, the public page shows it as text', async () => {
    const second = typed('Đoạn hai', 1000, 3);
    const story = {
      title: field('story', 'title', typed('Gương', 300, 0)),
      summary: field('story', 'summary', typed('Tóm tắt', 1000, 2)),
      // two paragraphs: the body is plain text split at blank lines
      body: field('story', 'body', `${typed('Đoạn một', 20000, 5)}\n\n${second}`),
      caption: field('story', 'image caption', typed('Chú thích', 300, 7)),
    };
    const paragraphs = story.body.split('\n\n');
    let storyId;

    await withPage(app, 'xss-story', {}, async (page) => {
      const hits = await trap(page);
      await login(page, 'truyenthong');
      await page.goto('/stories/new');
      await page.locator('#title').fill(story.title);
      await page.locator('#summary').fill(story.summary);
      await page.locator('#body').fill(story.body);
      await page.getByRole('button', { name: 'Xem trước' }).click();
      await expectLiteral(page, hits, 'story form preview', { text: [story.title, story.summary, ...paragraphs] });
      await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await page.waitForURL(/\/stories\/\d+$/);
      storyId = new URL(page.url()).pathname.split('/')[2];

      // a 1×1 PNG with the caption
      await page.locator('#image-file').setInputFiles({
        name: 'anh.png',
        mimeType: 'image/png',
        buffer: Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
          'base64',
        ),
      });
      await page.locator('#image-caption').fill(story.caption);
      await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
      await page.getByRole('heading', { name: 'Ảnh (1)' }).waitFor();
      await page.getByRole('button', { name: 'Đăng bài' }).click();
      await page.getByText('Bài đang hiện trên trang công khai.').waitFor();
      await page.reload();
      await expectLiteral(page, hits, 'story page', { text: [story.title, story.summary, story.caption, ...paragraphs] });
      await page.goto('/stories');
      await expectLiteral(page, hits, 'stories list', { text: [story.title] });
      await page.goto(`/stories/${storyId}/edit`);
      await expectLiteral(page, hits, 'story edit form', { values: [story.title, story.summary, story.body] });
    });

    // the public pages, signed out
    await withPage(app, 'xss-story-public', {}, async (page) => {
      const hits = await trap(page);
      await page.goto('/guong-dien-hinh');
      await expectLiteral(page, hits, 'public stories list', { text: [story.title, story.summary] });
      await page.getByRole('link', { name: story.title }).click();
      await page.waitForURL(`/guong-dien-hinh/${storyId}`);
      await expectLiteral(page, hits, 'public story page', { text: [story.title, story.summary, story.caption, ...paragraphs] });
    });
  });
});
