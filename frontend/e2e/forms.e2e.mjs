// Errors in words (issue 18, item 2): every creation form, sent empty, is refused with the field's
// label and a Vietnamese sentence, in a summary at the top linking to each field, never an API field
// name, "errors" or a message twice. At 1280 px and, for the inspection form, at 360 px.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, describeWithApp, eventually, login, withPage } from './harness.mjs';

/** Every property name of a request body in the API contract: what must never reach a user. */
function apiFieldNames() {
  const doc = JSON.parse(readFileSync(path.join(ROOT, 'openapi', 'openapi.json'), 'utf8'));
  const names = new Set(['errors']);
  for (const ops of Object.values(doc.paths))
    for (const op of Object.values(ops)) {
      const ref = op?.requestBody?.content?.['application/json']?.schema?.$ref;
      if (ref) for (const n of Object.keys(doc.components.schemas[ref.split('/').pop()].properties ?? {})) names.add(n);
    }
  return [...names];
}

// The forms, as the role that uses them. Each is sent without filling anything in.
const FORMS = [
  ['vhxh', '/units/new'],
  ['vhxh', '/staff/new'],
  ['vhxh', '/inspections/new'],
  ['vhxh', '/report-requests/new'],
  ['vhxh', '/awards/rounds/new'],
  ['vhxh', '/awards/council/new'],
  ['vhxh', '/awards/decisions/new'],
  ['vhxh', '/awards/achievements/new'],
  ['hieutruong.thcs', '/plans/new'],
  ['hieutruong.thcs', '/activities/new'],
  ['admin', '/users/new'],
  ['truyenthong', '/stories/new'],
];
// Not here: /awards/nominations/new (its button waits for an open round, which a fresh demo lacks) and
// /initiatives/new (its author rows are checked in the browser first, so whether the API is asked
// depends on how fast the user's own staff record loads).

describeWithApp('Errors in words on every form', (app) => {
  const fields = apiFieldNames();
  const english = new RegExp(`(^|[^\\p{L}_])(${fields.join('|')})(?=$|[^\\p{L}_])`, 'u');

  for (const [user, url] of FORMS)
    test(`${url} as ${user}: labels and sentences, no API names`, async () => {
      const width = url === '/inspections/new' ? 360 : 1280;
      await withPage(app, `form-errors${url.replaceAll('/', '-')}`, { viewport: { width, height: 900 } }, async (page) => {
        await login(page, user);
        await page.goto(url);
        const form = page.locator('main form').first();
        await form.waitFor();
        await form.locator('button[type="submit"]').first().click();
        const alert = form.getByRole('alert').first();
        await alert.waitFor({ timeout: 30_000 }); // the whole suite shares two cores with other apps
        await eventually(
          () => page.locator('main [role="alert"], main .field-error').allInnerTexts(),
          (texts) => !english.test(texts.join('\n')),
          `no API field name in the errors of ${url} (the texts shown)`,
        );
        const links = alert.locator('.error-summary a');
        await eventually(
          () => alert.locator('.error-summary li').allInnerTexts(),
          (lines) => lines.length > 0 && lines.length === new Set(lines).size,
          `a summary of ${url} listing each field once`,
        );
        // a link takes the user to the field
        const first = links.first();
        const target = (await eventually(() => first.getAttribute('href'), /^#./, `the first link of ${url}`)).slice(1);
        await first.click();
        await eventually(
          () => page.evaluate((id) => {
            const el = document.getElementById(id);
            return !!el && (el === document.activeElement || el.contains(document.activeElement));
          }, target),
          true,
          `the summary's link focuses the field ${target} of ${url}`,
        );
      });
    });
});
