import { printableDataUrl, safePdfFileName } from '../../../../main/os/print';

const decode = (url: string) => decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));

describe('printing', () => {
  it('puts a no-script CSP first in the document head', () => {
    const html = decode(
      printableDataUrl({
        html: '<html><head><title>x</title></head><body><script>alert(1)</script></body></html>',
        title: 'x',
      }),
    );
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script>'));
    expect(html).toContain("default-src 'none'");
  });

  it('wraps a fragment into a complete document with the CSP', () => {
    const html = decode(printableDataUrl({ html: '<p>Ответ на обращение</p>', title: 'x' }));
    expect(html).toMatch(/^<!doctype html><html><head><meta http-equiv="Content-Security-Policy"/);
    expect(html).toContain('<p>Ответ на обращение</p>');
  });

  it.each([
    ['ОГ-2026-000123', 'ОГ-2026-000123.pdf'],
    ['../../etc/passwd', '_.._etc_passwd.pdf'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j.pdf'],
    ['  ', 'okno.pdf'],
    ['answer.PDF', 'answer.PDF'],
  ])('makes a safe PDF file name of %j', (suggested, expected) => {
    expect(safePdfFileName(suggested)).toBe(expected);
  });
});
