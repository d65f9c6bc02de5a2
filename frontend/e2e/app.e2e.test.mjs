// Browser tests against the real app: `npm run test:e2e` (builds first).
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHROMIUM, login, skipReason, startApp, withPage } from './harness.mjs';

const skip = skipReason();
if (skip) console.warn(`# skipping browser tests: ${skip}`);

test('Chromium is installed', { skip: skip ?? false }, () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing (install the chromium package)`);
});

describe('Thi Đua Số in the browser', { skip: skip ?? false, timeout: 240_000 }, () => {
  let app;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.stop();
  });

  const unique = Date.now().toString(36).toUpperCase();

  test('commune officer creates a school and a staff member in it', async () => {
    await withPage(app, 'create-school-and-staff', {}, async (page) => {
      await login(page, 'vhxh');
      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });

      // a new school
      const schoolCode = `MN-E2E-${unique}`;
      const schoolName = `Trường Mầm non Thử nghiệm ${unique}`;
      await nav.getByRole('link', { name: 'Đơn vị', exact: true }).click();
      await page.getByRole('link', { name: 'Thêm đơn vị' }).click();
      await page.getByLabel('Mã', { exact: true }).fill(schoolCode);
      await page.getByLabel('Tên đơn vị').fill(schoolName);
      await page.getByLabel('Loại đơn vị').selectOption('school');
      await page.getByLabel('Cấp học').selectOption({ label: 'Mầm non' });
      await page.getByLabel('Địa chỉ').fill('Thôn Đồng Tâm, xã Thanh Thủy');
      await page.getByRole('button', { name: 'Tạo mới' }).click();
      await page.getByRole('heading', { name: schoolName }).waitFor();

      await nav.getByRole('link', { name: 'Đơn vị', exact: true }).click();
      await page.getByLabel('Tìm kiếm').fill(schoolCode);
      const unitRow = page.getByRole('row').filter({ hasText: schoolCode });
      await unitRow.waitFor();
      assert.match(await unitRow.innerText(), new RegExp(schoolName));
      assert.match(await unitRow.innerText(), /Cơ sở giáo dục/);

      // a staff member in it
      const staffCode = `GV-E2E-${unique}`;
      const staffName = `Nguyễn Thị Hồng Nhung ${unique}`;
      await nav.getByRole('link', { name: 'Cán bộ, giáo viên', exact: true }).click();
      await page.getByRole('link', { name: 'Thêm cán bộ' }).click();
      await page.getByLabel('Mã', { exact: true }).fill(staffCode);
      await page.getByLabel('Họ và tên').fill(staffName);
      await page.getByLabel('Chức vụ').fill('Giáo viên');
      await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: schoolName });
      await page.getByLabel('Thư điện tử').fill(`nhung.${unique.toLowerCase()}@example.edu.vn`);
      await page.getByRole('button', { name: 'Tạo mới' }).click();
      await page.getByRole('heading', { name: staffName }).waitFor();

      await nav.getByRole('link', { name: 'Cán bộ, giáo viên', exact: true }).click();
      await page.getByLabel('Tìm kiếm').fill(staffCode);
      const staffRow = page.getByRole('row').filter({ hasText: staffCode });
      await staffRow.waitFor();
      assert.match(await staffRow.innerText(), new RegExp(staffName));
      assert.match(await staffRow.innerText(), new RegExp(schoolName));
    });
  });

  test('a head of school sees only the staff of their own school', async () => {
    await withPage(app, 'unit-manager-staff-scope', {}, async (page) => {
      await login(page, 'hieutruong.thcs');
      await page
        .getByRole('navigation', { name: 'Điều hướng chính' })
        .getByRole('link', { name: 'Cán bộ, giáo viên', exact: true })
        .click();
      await page.locator('table td.col-unit').first().waitFor();
      const units = await page.locator('table td.col-unit').allInnerTexts();
      assert.ok(units.length > 0, 'expected at least one staff member');
      // the school itself or one of its subject groups ("Tổ Văn phòng - THCS Thanh Thủy")
      assert.ok(units.includes('Trường THCS Thanh Thủy'), units.join(', '));
      for (const unit of units) assert.match(unit.trim(), /^(Trường THCS Thanh Thủy|Tổ .+ - THCS Thanh Thủy)$/);
      const codes = await page.locator('table td.col-code').allInnerTexts();
      for (const code of codes) assert.match(code.trim(), /^THCS-TT/);
      const table = await page.locator('table').innerText();
      assert.doesNotMatch(table, /Tiểu học|TH Thanh Thủy|TH-TT/);
    });
  });

  test('the language switches to English and back', async () => {
    await withPage(app, 'language-switch', {}, async (page) => {
      await login(page, 'vhxh');
      const nav = page.getByRole('navigation', { name: /Điều hướng chính|Main navigation/ });
      await nav.getByRole('link', { name: 'Đơn vị', exact: true }).waitFor();

      await page.getByRole('button', { name: 'EN', exact: true }).click();
      await nav.getByRole('link', { name: 'Units', exact: true }).waitFor();
      await page.getByRole('heading', { name: /^Welcome,/ }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await nav.getByRole('link', { name: 'Đơn vị', exact: true }).count(), 0);

      // the choice survives a reload
      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();

      await page.getByRole('button', { name: 'VI', exact: true }).click();
      await nav.getByRole('link', { name: 'Đơn vị', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    });
  });

  test('works at 360 px: menu button, staff list without horizontal overflow', async () => {
    await withPage(app, 'mobile-360', { viewport: { width: 360, height: 740 } }, async (page) => {
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
      await page.goto('/login');
      await page.getByLabel('Tên đăng nhập').waitFor();
      assert.ok((await overflow()) <= 360, `login page is ${await overflow()} px wide`);

      await login(page, 'vhxh');
      const menu = page.getByRole('button', { name: 'Menu' });
      const staffLink = page
        .getByRole('navigation', { name: 'Điều hướng chính' })
        .getByRole('link', { name: 'Cán bộ, giáo viên', exact: true });
      assert.equal(await staffLink.isVisible(), false, 'navigation is collapsed at first');
      assert.equal(await menu.getAttribute('aria-expanded'), 'false');

      await menu.click();
      assert.equal(await menu.getAttribute('aria-expanded'), 'true');
      await staffLink.waitFor({ state: 'visible' });
      assert.ok((await overflow()) <= 360, `open menu is ${await overflow()} px wide`);

      await staffLink.click();
      await page.getByRole('heading', { name: 'Cán bộ, giáo viên, nhân viên' }).waitFor();
      await page.locator('table td.col-unit').first().waitFor();
      assert.equal(await staffLink.isVisible(), false, 'menu closes after navigating');
      const width = await overflow();
      assert.ok(width <= 360, `staff list is ${width} px wide`);
    });
  });

  test('a concurrent change (412) is reported and the form reloads', async () => {
    await withPage(app, 'conflict-412', {}, async (page) => {
      await login(page, 'vhxh');
      await page.goto('/units');
      await page.getByLabel('Tìm kiếm').fill('THCS-TT');
      await page.getByRole('link', { name: 'Trường THCS Thanh Thủy', exact: true }).click();
      await page.getByRole('link', { name: 'Sửa', exact: true }).click();
      const address = page.getByLabel('Địa chỉ');
      await address.waitFor();

      // someone else saves the unit meanwhile (same API, version taken from the ETag)
      const status = await page.evaluate(async () => {
        const id = location.pathname.split('/')[2];
        const headers = { Authorization: `Bearer ${sessionStorage.getItem('thidua.token')}` };
        const res = await fetch(`/api/v1/units/${id}`, { headers });
        const patch = await fetch(`/api/v1/units/${id}`, {
          method: 'PATCH',
          headers: { ...headers, 'Content-Type': 'application/json', 'If-Match': res.headers.get('ETag') },
          body: JSON.stringify({ address: 'Xóm Chợ, xã Thanh Thủy' }),
        });
        return patch.status;
      });
      assert.equal(status, 200);

      await address.fill('Địa chỉ của tôi');
      await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await page.getByRole('alert').filter({ hasText: 'Dữ liệu đã được người khác thay đổi, vui lòng tải lại' }).waitFor();
      // the form now shows the other person's saved data
      await page.waitForFunction(() => document.querySelector('#address')?.value === 'Xóm Chợ, xã Thanh Thủy');
    });
  });

  test('an invalid session goes back to the login page', async () => {
    await withPage(app, 'expired-session', {}, async (page) => {
      await login(page, 'vhxh');
      await page.evaluate(() => sessionStorage.setItem('thidua.token', 'expired'));
      await page.goto('/staff');
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.equal(await page.evaluate(() => sessionStorage.getItem('thidua.token')), null);
    });
  });

  test('an administrator creates a user who can then sign in', async () => {
    const login_ = `gv.e2e.${unique.toLowerCase()}`;
    const fullName = `Trần Văn Đức ${unique}`;
    const password = 'Mat-khau-Manh-2026!';
    await withPage(app, 'admin-creates-user', {}, async (page) => {
      await login(page, 'admin');
      await page
        .getByRole('navigation', { name: 'Điều hướng chính' })
        .getByRole('link', { name: 'Người dùng', exact: true })
        .click();
      await page.getByRole('link', { name: 'Thêm người dùng' }).click();
      await page.getByLabel('Tên đăng nhập').fill(login_);
      await page.getByLabel('Họ và tên').fill(fullName);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
      await page.getByLabel('Cán bộ, giáo viên, nhân viên', { exact: true }).check();
      await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Trường THCS Thanh Thủy' });
      await page.getByRole('button', { name: 'Tạo mới' }).click();
      await page.getByRole('heading', { name: fullName }).waitFor();

      await page.getByRole('link', { name: '← Người dùng' }).click();
      await page.getByLabel('Tìm kiếm').fill(login_);
      const row = page.getByRole('row').filter({ hasText: login_ });
      await row.waitFor();
      assert.match(await row.innerText(), /Trường THCS Thanh Thủy/);
    });
    await withPage(app, 'new-user-signs-in', {}, async (page) => {
      await login(page, login_, password);
      await page.getByText(fullName).first().waitFor();
    });
  });
});
