// Starts the real app (FastAPI serving frontend/dist) on a free port with a throwaway
// SQLite database (a copy of one prepared per run), and a headless Chromium from /usr/bin/chromium
// (no Playwright download), one per run.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe } from 'node:test';
import { inspect, isDeepStrictEqual } from 'node:util';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FRONTEND = path.resolve(here, '..');
export const ROOT = path.resolve(FRONTEND, '..');
export const ARTIFACTS = path.join(here, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PASSWORD = 'thidua2026';

/** Reason to skip the whole suite, or null. Under CI=true nothing is skipped: missing pieces fail. */
export function skipReason() {
  if (process.env.CI === 'true') return null;
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing`;
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Generous waits: they end as soon as the state is there, and a CI machine running the backend suites
// beside this one (make test) can take a minute to start a server or render a page.
const HEALTH_WAIT_MS = 180_000;
export const WAIT_MS = 30_000;
// A suite's ceiling: it only catches a hang, so it is far above a loaded machine's slowest suite.
export const SUITE_WAIT_MS = 900_000;

async function waitForHealth(baseURL, server, log) {
  const deadline = Date.now() + HEALTH_WAIT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${baseURL}/api/v1/health`);
      if (res.ok && (await res.json()).status === 'ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy within ${HEALTH_WAIT_MS / 1000} s:\n${log()}`);
}

// Set-up shared by every suite of one run (CI time, issue 19): `thidua.cli prepare` (migrations and
// the demo commune, the slowest part of starting an app) runs once, and each app starts on its own
// copy of that folder (database and stored files), so every suite still has a fresh database. While
// a suite runs, the server of the next one is already starting (importing the app takes seconds);
// one Chromium serves every suite (each test has its own browser context). When no app has been
// asked for a moment after the last one stopped, the spare server and the browser go, so the test
// process can end.
let template = null;
let spare = null;
let sharedBrowser = null;
let browserUsers = 0;
let idleTimer = null;

function preparedTemplate() {
  if (template === null) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'thidua-e2e-template-'));
    const env = { ...process.env, DATABASE_URL: `sqlite:///${dir}/e2e.db`, VAR_DIR: dir };
    execFileSync(PYTHON, ['-m', 'thidua.cli', 'prepare'], { cwd: ROOT, env, stdio: 'pipe' });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    template = dir;
  }
  return template;
}

/** A server on a fresh copy of the prepared database: `ready` resolves once it answers; `stop()`
 * ends it (at any time) and removes its folder. */
function launchServer(extraEnv) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'thidua-e2e-'));
  cpSync(preparedTemplate(), tmp, { recursive: true });
  const env = { ...process.env, DATABASE_URL: `sqlite:///${tmp}/e2e.db`, VAR_DIR: tmp, ...extraEnv };
  let server = null;
  let output = '';
  let exited = Promise.resolve();
  const ready = freePort().then((port) => {
    const baseURL = `http://127.0.0.1:${port}`;
    server = spawn(
      PYTHON,
      ['-m', 'uvicorn', 'thidua.main:app', '--host', '127.0.0.1', '--port', String(port)],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const collect = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    server.stdout.on('data', collect);
    server.stderr.on('data', collect);
    exited = new Promise((resolve) => server.once('exit', resolve));
    return waitForHealth(baseURL, server, () => output).then(() => baseURL);
  });
  ready.catch(() => {}); // a spare nobody claims may fail unseen; a claimed one fails its suite
  async function stop() {
    await ready.catch(() => {});
    if (server !== null && server.exitCode === null) {
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(tmp, { recursive: true, force: true });
  }
  return { key: JSON.stringify(extraEnv), ready, stop, log: () => output };
}

async function acquireBrowser() {
  if (sharedBrowser === null || !sharedBrowser.isConnected())
    sharedBrowser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  browserUsers += 1;
  return sharedBrowser;
}

function releaseBrowser() {
  browserUsers -= 1;
  if (browserUsers > 0) return;
  idleTimer = setTimeout(() => {
    const [closing, unclaimed] = [sharedBrowser, spare];
    sharedBrowser = null;
    spare = null;
    closing?.close().catch(() => {});
    unclaimed?.stop();
  }, 1500);
}

/**
 * A server on a fresh copy of the prepared demo database, and the shared browser; returns
 * { baseURL, browser, stop }. `extraEnv` adds environment variables (settings) for the server, e.g.
 * { IMPORT_ASYNC_THRESHOLD_BYTES: '2000' }.
 */
export async function startApp(extraEnv = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (install the chromium package)`);
  if (!existsSync(path.join(FRONTEND, 'dist', 'index.html')))
    throw new Error('frontend/dist is missing: run `npm run build` first');
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing (backend virtualenv)`);
  clearTimeout(idleTimer);
  idleTimer = null;

  const key = JSON.stringify(extraEnv);
  let launched = null;
  if (spare !== null && spare.key === key) [launched, spare] = [spare, null];
  if (launched !== null && !(await launched.ready.then(() => true, () => false))) {
    await launched.stop(); // a spare that did not come up: start this suite's own
    launched = null;
  }
  launched ??= launchServer(extraEnv);
  if (spare === null) spare = launchServer({}); // the next suite's, starting while this one runs

  let browser;
  async function stop() {
    if (browser) releaseBrowser();
    browser = undefined;
    await launched.stop();
  }
  const gotBrowser = acquireBrowser().then((b) => {
    browser = b;
    return b;
  });
  let baseURL;
  try {
    [, baseURL] = await Promise.all([gotBrowser, launched.ready]);
  } catch (e) {
    await gotBrowser.catch(() => {});
    await stop();
    throw e;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return { baseURL, browser, stop, serverLog: launched.log };
}

/**
 * A suite with a fresh app of its own, `describeWithApp(name, [env,] body)` like node:test's describe:
 * `body(app)` declares the tests, and `app` (baseURL, browser, stop, serverLog) is started before they
 * run, with `env` added to the server's environment, and stopped after them. Skipped, with the
 * reason, where skipReason() gives one.
 */
export function describeWithApp(name, envOrBody, maybeBody) {
  const [env, body] = maybeBody === undefined ? [{}, envOrBody] : [envOrBody, maybeBody];
  describe(name, { skip: skipReason() ?? false, timeout: SUITE_WAIT_MS }, () => {
    const app = {};
    before(async () => {
      Object.assign(app, await startApp(env));
    });
    after(async () => {
      await app.stop?.();
    });
    body(app);
  });
}

/**
 * Runs `fn(page)` in a fresh browser context; on failure saves a screenshot to e2e/artifacts/.
 */
export async function withPage(app, name, options, fn) {
  const context = await app.browser.newContext({ baseURL: app.baseURL, ...options });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  try {
    await fn(page);
  } catch (e) {
    await page
      .screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true })
      .catch(() => {});
    if (problems.length) e.message += `\n${problems.join('\n')}`;
    throw e;
  } finally {
    await context.close();
  }
}

/** Logs in through the login form and waits for the dashboard. */
export async function login(page, username, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: /^Xin chào,/ }).waitFor();
}

const MAIN_NAV = /^(Điều hướng chính|Main navigation)$/;

/**
 * The main menu's entry `name`, ready to click. The menu is grouped (issue 18.8): every screen folds
 * the groups and a phone folds the whole menu behind its button, so this opens both, as a user would,
 * where they are closed (an open one is left open).
 */
export async function menuLink(page, name) {
  const hidden = page
    .getByRole('navigation', { name: MAIN_NAV, includeHidden: true })
    .getByRole('link', { name, exact: true, includeHidden: true });
  await hidden.evaluate((a) => {
    const menu = document.querySelector('.menu-button[aria-expanded="false"]');
    if (menu instanceof HTMLElement && getComputedStyle(menu).display !== 'none') menu.click();
    const group = a.closest('.nav-group')?.querySelector(':scope > button[aria-expanded="false"]');
    if (group instanceof HTMLElement) group.click();
  });
  return page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name, exact: true });
}

/** Opens the main menu's entry `name` (see menuLink). */
export async function openMenu(page, name) {
  await (await menuLink(page, name)).click();
}

/** The JSON API as `username`, for setup steps that are not under test: `call(method, path, body,
 * headers)` returns the parsed answer and throws on any answer but 2xx. */
export async function apiAs(app, username, password = PASSWORD) {
  const res = await fetch(`${app.baseURL}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username, password, scope: '' }).toString(),
  });
  if (res.status !== 200) throw new Error(`login of ${username} → ${res.status}: ${await res.text()}`);
  const { access_token } = await res.json();
  return async (method, path, body, headers = {}) => {
    const r = await fetch(`${app.baseURL}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${access_token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** The answers every suite gives for THCS Thanh Thủy's unit self-assessment (TC4.3 is computed). */
export const SCHOOL_VALUES = { 'TC2.1': 80, 'TC2.2': 1, 'TC2.3': 10, 'TC2.4': 100, 'TC3.3': 2, 'TC5.1': 1, 'TC5.2': 0 };

/**
 * THCS Thanh Thủy's unit self-assessment of `year` (BDC-CSGD) through the API as its head (`call`,
 * from apiAs): the existing one or a new one; a draft gets SCHOOL_VALUES, evidence links for TC2.1 and
 * TC5.1, and is submitted. Returns the assessment as it ends up.
 */
export async function submittedSchoolAssessment(call, year = '2025-2026') {
  const units = await call('GET', '/units?q=THCS-TT&kind=school');
  const school = units.items.find((u) => u.code === 'THCS-TT');
  const found = await call('GET', `/self-assessments?unit_id=${school.id}&school_year=${year}&subject_kind=unit`);
  let a = found.items.length
    ? await call('GET', `/self-assessments/${found.items[0].id}`)
    : await call('POST', '/self-assessments', {
        framework_id: (await call('GET', '/frameworks?status=active&subject_kind=unit')).items.find((f) => f.code === 'BDC-CSGD').id,
        school_year: year,
      });
  if (a.status !== 'draft') return a;
  a = await call(
    'PUT',
    `/self-assessments/${a.id}/entries`,
    { entries: Object.entries(SCHOOL_VALUES).map(([indicator_code, value]) => ({ indicator_code, value })) },
    { 'If-Match': `"${a.version}"` },
  );
  for (const code of ['TC2.1', 'TC5.1'])
    await call('POST', `/self-assessments/${a.id}/evidence/links`, {
      indicator_code: code,
      url: `https://thcs-thanhthuy.edu.vn/minh-chung/${code}`,
      title: `Minh chứng ${code}`,
    });
  a = await call('GET', `/self-assessments/${a.id}`);
  return call('POST', `/self-assessments/${a.id}/submit`, undefined, { 'If-Match': `"${a.version}"` });
}

// Every assertion on the page waits for the state it checks. A read taken once, right after a click or a
// navigation (`assert.equal(await rows.count(), 2)`), races the rendering: on a loaded CI machine (two cores
// shared by many jobs) the answer may not be on the screen yet, and the test fails at random. That happened
// (issue 19: a `count()` read before the plan's versions table had rendered gave 0). So a read of the page
// goes through `eventually`, which reads again until the expected state holds; e2e/lint.e2e.mjs fails the
// suite if an awaited locator read (count, innerText, getAttribute, isVisible, ...) appears outside it.

/** What `expected` asks for, in words, for the failure message. */
function describeExpected(expected) {
  if (expected instanceof RegExp) return `a match for ${expected}`;
  if (typeof expected === 'function') return `a value for which ${expected.toString()} holds`;
  return inspect(expected, { depth: 4 });
}

/**
 * Calls `read()` (a read of the page: `() => locator.count()`) until its value is the expected one, and
 * returns that value. `expected` is a RegExp (the value matches it), a function (a predicate on the value)
 * or any other value (deep strict equality). A read that throws is retried too. After `timeout` ms it fails
 * with `what`, the last value read (or the last error) and what was expected.
 */
export async function eventually(read, expected, what, { timeout = WAIT_MS, interval = 100 } = {}) {
  const matches =
    expected instanceof RegExp
      ? (value) => typeof value === 'string' && new RegExp(expected.source, expected.flags).test(value)
      : typeof expected === 'function'
        ? (value) => Boolean(expected(value))
        : (value) => isDeepStrictEqual(value, expected);
  const started = Date.now();
  for (;;) {
    let value;
    let error;
    try {
      value = await read();
      if (matches(value)) return value;
    } catch (e) {
      error = e;
    }
    if (Date.now() - started >= timeout) {
      const elapsed = Date.now() - started;
      const last = error
        ? `the last read failed: ${error.message}`
        : `the last value read was ${inspect(value, { depth: 4 })}`;
      throw new assert.AssertionError({
        message: `${what}: after ${elapsed} ms ${last}; expected ${describeExpected(expected)}`,
        actual: error ?? value,
        expected,
        operator: 'eventually',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Waits until the page is no wider than `width`: a phone shows it without scrolling sideways. */
export function noHorizontalScroll(page, width, what = 'the page') {
  const scroll = () => page.evaluate(() => document.documentElement.scrollWidth);
  return eventually(scroll, (px) => px <= width, `no horizontal scrolling on ${what} at ${width} px (scrollWidth)`);
}
