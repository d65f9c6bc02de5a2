// Starts the real app (FastAPI serving frontend/dist) on a free port with a throwaway
// SQLite database, and a headless Chromium from /usr/bin/chromium (no Playwright download).
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

async function waitForHealth(baseURL, server, log) {
  const deadline = Date.now() + 30_000;
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
  throw new Error(`server did not become healthy within 30 s:\n${log()}`);
}

/**
 * Starts server and browser; returns { baseURL, browser, stop }. `extraEnv` adds environment variables
 * (settings) for `thidua.cli prepare` and the server, e.g. { IMPORT_ASYNC_THRESHOLD_BYTES: '2000' }.
 */
export async function startApp(extraEnv = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (install the chromium package)`);
  if (!existsSync(path.join(FRONTEND, 'dist', 'index.html')))
    throw new Error('frontend/dist is missing: run `npm run build` first');
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing (backend virtualenv)`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'thidua-e2e-'));
  const env = { ...process.env, DATABASE_URL: `sqlite:///${tmp}/e2e.db`, VAR_DIR: tmp, ...extraEnv };
  execFileSync(PYTHON, ['-m', 'thidua.cli', 'prepare'], { cwd: ROOT, env, stdio: 'pipe' });

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const server = spawn(
    PYTHON,
    ['-m', 'uvicorn', 'thidua.main:app', '--host', '127.0.0.1', '--port', String(port)],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.stdout.on('data', collect);
  server.stderr.on('data', collect);
  const exited = new Promise((resolve) => server.once('exit', resolve));

  let browser;
  async function stop() {
    await browser?.close().catch(() => {});
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(tmp, { recursive: true, force: true });
  }

  try {
    await waitForHealth(baseURL, server, () => output);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  } catch (e) {
    await stop();
    throw e;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return { baseURL, browser, stop, serverLog: () => output };
}

/**
 * Runs `fn(page)` in a fresh browser context; on failure saves a screenshot to e2e/artifacts/.
 */
export async function withPage(app, name, options, fn) {
  const context = await app.browser.newContext({ baseURL: app.baseURL, ...options });
  context.setDefaultTimeout(15_000);
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
export async function eventually(read, expected, what, { timeout = 15_000, interval = 100 } = {}) {
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
