// The browser suites read the page only through `eventually` (harness.mjs): an awaited locator read outside
// it (`assert.equal(await rows.count(), 2)`) is a one-shot read that races the rendering on a loaded machine
// (issue 19). This check parses every e2e/*.mjs with the TypeScript compiler already installed for the build
// and fails on any such read, with its file and line. It needs no browser and no app: it is never skipped.
// Imported by app.e2e.test.mjs; also runs alone (`node --test e2e/lint.e2e.mjs`).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { eventually } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Playwright's Locator, Page and ElementHandle methods that read the page's state once. */
export const READS = new Set([
  'count',
  'textContent',
  'innerText',
  'innerHTML',
  'allInnerTexts',
  'allTextContents',
  'inputValue',
  'getAttribute',
  'isVisible',
  'isHidden',
  'isEnabled',
  'isDisabled',
  'isChecked',
  'isEditable',
  'boundingBox',
  'title',
]);

/** Whether `node` lies inside the first argument (the reader, called again until it answers) of `eventually`. */
function inReader(node) {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (
      ts.isCallExpression(parent) &&
      ts.isIdentifier(parent.expression) &&
      parent.expression.text === 'eventually' &&
      parent.arguments[0] === child
    )
      return true;
  }
  return false;
}

/** The one-shot reads in `source`: awaited calls of a method in READS outside a reader, as "line: text". */
export function oneShotReads(source, fileName = 'e2e.mjs') {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = [];
  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      READS.has(node.expression.name.text)
    ) {
      let outer = node.parent;
      while (outer && ts.isParenthesizedExpression(outer)) outer = outer.parent;
      if (outer && ts.isAwaitExpression(outer) && !inReader(node)) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
        found.push(`${line + 1}: ${source.split('\n')[line].trim()}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('The browser suites read the page only through eventually()', () => {
  test('no e2e file awaits a one-shot read of the page', () => {
    const files = readdirSync(here).filter((f) => f.endsWith('.mjs'));
    assert.ok(files.includes('security.e2e.mjs'), `e2e files found: ${files.join(', ')}`);
    const problems = files.flatMap((f) =>
      oneShotReads(readFileSync(path.join(here, f), 'utf8'), f).map((r) => `e2e/${f}:${r}`),
    );
    if (problems.length)
      assert.fail(
        `${problems.length} one-shot read(s) of the page; wait for the state instead, e.g. ` +
          `\`await eventually(() => locator.count(), 1, 'what it is')\` (harness.mjs):\n${problems.join('\n')}`,
      );
  });

  test('the check finds one-shot reads and lets reads inside eventually() through', () => {
    const bad = [
      `assert.equal(await page.locator('table.plan-versions').getByText(c).count(), 1);`,
      `assert.match((await row.locator('td').innerText()).trim(), /1/);`,
      `const v = await page\n  .getByLabel('x')\n  .getAttribute('aria-invalid');`,
      `assert.equal(await page.getAttribute('html', 'lang'), 'en');`,
    ];
    for (const source of bad) assert.equal(oneShotReads(source).length, 1, source);
    const good = [
      `await eventually(() => page.locator('table.plan-versions').getByText(c).count(), 1, 'versions');`,
      `await eventually(() => row.locator('td').innerText().then((t) => t.trim()), '1', 'rank');`,
      `await eventually(async () => (await row.locator('td').innerText()).trim(), '1', 'rank');`,
      `await page.getByRole('button').waitFor({ state: 'visible' });`,
      // DOM calls inside a function run by page.evaluate are not awaited
      `await page.evaluate(() => document.body.getAttribute('lang'));`,
    ];
    for (const source of good) assert.deepEqual(oneShotReads(source), [], source);
  });

  test('eventually() waits for the value, and fails with the last one it read', async () => {
    let n = 0;
    assert.equal(await eventually(async () => ++n, 3, 'a counter', { interval: 1 }), 3);
    assert.equal(await eventually(() => 'ab12', /\d+$/, 'a string'), 'ab12');
    assert.deepEqual(await eventually(() => [1, 2], (v) => v.length === 2, 'a list'), [1, 2]);
    await assert.rejects(eventually(() => 0, 1, 'versions table row', { timeout: 50, interval: 10 }), {
      name: 'AssertionError',
      message: /^versions table row: after \d+ ms the last value read was 0; expected 1$/,
    });
    await assert.rejects(
      eventually(
        () => {
          throw new Error('strict mode violation');
        },
        1,
        'a cell',
        { timeout: 30, interval: 10 },
      ),
      { name: 'AssertionError', message: /^a cell: after \d+ ms the last read failed: strict mode violation; expected 1$/ },
    );
  });
});
