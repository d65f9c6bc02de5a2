import { describe, expect, it } from 'vitest';
import { ApiError, fieldErrors, fieldProblems, toProblem } from './problem';

describe('toProblem', () => {
  it('keeps the problem details fields', () => {
    const p = toProblem(
      {
        type: 'about:blank',
        title: 'Dữ liệu không hợp lệ',
        status: 422,
        detail: 'Có lỗi trong biểu mẫu',
        errors: [{ path: 'body.code', message: 'Mã đã tồn tại', type: 'unique' }],
      },
      500,
    );
    expect(p.status).toBe(422);
    expect(p.detail).toBe('Có lỗi trong biểu mẫu');
    expect(p.errors).toEqual([{ path: 'body.code', message: 'Mã đã tồn tại', type: 'unique' }]);
  });

  it('falls back to the HTTP status for non-JSON bodies', () => {
    expect(toProblem(undefined, 502)).toEqual({ status: 502, detail: undefined });
    expect(toProblem('Bad gateway', 502).detail).toBe('Bad gateway');
  });
});

describe('fieldErrors', () => {
  it('maps body.<field> paths to form fields', () => {
    const errors = fieldErrors({
      status: 422,
      errors: [
        { path: 'body.code', message: 'Mã đã tồn tại' },
        { path: 'body.name', message: 'Không được để trống' },
      ],
    });
    expect(errors).toEqual({ code: 'Mã đã tồn tại', name: 'Không được để trống' });
  });

  it('uses the top-level field for nested paths and joins several messages', () => {
    const errors = fieldErrors({
      status: 422,
      errors: [
        { path: 'body.roles.0', message: 'Vai trò không hợp lệ.' },
        { path: 'body.roles', message: 'Cần ít nhất một vai trò.' },
      ],
    });
    expect(errors).toEqual({ roles: 'Vai trò không hợp lệ. Cần ít nhất một vai trò.' });
  });

  it('maps body and query fields, ignores the body as a whole and the path', () => {
    expect(
      fieldErrors({
        status: 422,
        errors: [
          { path: 'query.signer', message: 'Trường này là bắt buộc.' },
          { path: 'body', message: 'Thân yêu cầu sai' },
          { path: 'path.id', message: 'Không phải số' },
        ],
      }),
    ).toEqual({ signer: 'Trường này là bắt buộc.' });
    expect(fieldErrors(null)).toEqual({});
    expect(fieldErrors({ status: 400 })).toEqual({});
  });

  it('lists each field once, each message once, in the order given', () => {
    const p = {
      status: 422,
      errors: [
        { path: 'body.unit_id', message: 'Đơn vị không thuộc phạm vi của bạn.' },
        { path: 'body.code', message: 'Mã đã tồn tại' },
        { path: 'body.unit_id', message: 'Đơn vị không thuộc phạm vi của bạn.' },
      ],
    };
    expect(fieldProblems(p)).toEqual([
      { field: 'unit_id', message: 'Đơn vị không thuộc phạm vi của bạn.' },
      { field: 'code', message: 'Mã đã tồn tại' },
    ]);
  });
});

describe('ApiError', () => {
  it('uses detail as the message', () => {
    const e = new ApiError({ status: 412, title: 'Precondition Failed', detail: 'Đã thay đổi' });
    expect(e.message).toBe('Đã thay đổi');
    expect(e.status).toBe(412);
  });
});
