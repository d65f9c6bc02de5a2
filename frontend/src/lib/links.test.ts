import { describe, expect, it } from 'vitest';
import { linksPayload } from './links';

describe('linksPayload', () => {
  it('drops rows without a URL and uses the URL as a missing title', () => {
    expect(
      linksPayload([
        { url: ' https://a.example/x ', title: '' },
        { url: '', title: 'Chỉ có tiêu đề' },
        { url: 'https://b.example', title: ' Ảnh lễ phát động ' },
      ]),
    ).toEqual([
      { url: 'https://a.example/x', title: 'https://a.example/x' },
      { url: 'https://b.example', title: 'Ảnh lễ phát động' },
    ]);
  });
});
