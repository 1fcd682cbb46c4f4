import fc from 'fast-check';
import {
  isClassifierCode,
  parseClassifierCode,
  parseQuestionCode,
} from '../../../../../shared/domain/classifier';

describe('classifier codes', () => {
  it.each([
    ['0001.0000.0000.0000', 'section', null],
    ['0005.0005.0000.0000', 'subject', '0005.0000.0000.0000'],
    ['0003.0008.0086.0000', 'topic', '0003.0008.0000.0000'],
    ['0002.0009.0100.0496', 'question', '0002.0009.0100.0000'],
    ['0005.0001.0002.0001.0001', 'subquestion', '0005.0001.0002.0001'],
  ])('reads %s as a %s whose parent is %s', (code, level, parentCode) => {
    expect(parseClassifierCode(code)).toEqual({
      ok: true,
      value: { code, parts: code.split('.'), level, parentCode },
    });
  });

  it('drops a fifth part of 0000: the code is the four-part question', () => {
    expect(parseClassifierCode('0005.0001.0002.0001.0000')).toEqual({
      ok: true,
      value: {
        code: '0005.0001.0002.0001',
        parts: ['0005', '0001', '0002', '0001'],
        level: 'question',
        parentCode: '0005.0001.0002.0000',
      },
    });
  });

  it.each([
    ['0001.0001.0001', 'domain:classifier.codeFormat'],
    ['0001.0001.0001.0001.0001.0001', 'domain:classifier.codeFormat'],
    ['1.1.1.1', 'domain:classifier.codeFormat'],
    ['0001-0001-0001-0001', 'domain:classifier.codeFormat'],
    [' 0001.0001.0001.0001', 'domain:classifier.codeFormat'],
    ['0001.0001.0001.0001\n', 'domain:classifier.codeFormat'],
    ['０００１.0001.0001.0001', 'domain:classifier.codeFormat'],
    ['0000.0000.0000.0000', 'domain:classifier.codeZeroSection'],
    ['0001.0000.0003.0000', 'domain:classifier.codeGap'],
    ['0001.0002.0000.0004', 'domain:classifier.codeGap'],
  ])('refuses %j (%s)', (code, error) => {
    expect(parseClassifierCode(code)).toMatchObject({ ok: false, error: { code: error } });
    expect(isClassifierCode(code)).toBe(false);
  });

  it('refuses values that are not strings, without throwing', () => {
    fc.assert(
      fc.property(
        fc.anything().filter((v) => typeof v !== 'string'),
        (value) => {
          expect(parseClassifierCode(value)).toMatchObject({
            ok: false,
            error: { code: 'domain:classifier.codeFormat' },
          });
        },
      ),
    );
  });

  it('accepts exactly the gap-free four- and five-part codes', () => {
    const part = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));
    fc.assert(
      fc.property(fc.array(part, { minLength: 4, maxLength: 5 }), (parts) => {
        const code = parts.join('.');
        const lastNonZero = parts.findLastIndex((p) => p !== '0000');
        const gapFree = lastNonZero >= 0 && !parts.slice(0, lastNonZero).includes('0000');
        expect(isClassifierCode(code)).toBe(gapFree);
        const parsed = parseClassifierCode(code);
        if (parsed.ok && parsed.value.parentCode !== null) {
          // The parent of a valid code is a valid code one level up.
          expect(isClassifierCode(parsed.value.parentCode)).toBe(true);
        }
      }),
    );
  });

  it('closes appeals only with question-level codes', () => {
    expect(parseQuestionCode('0002.0009.0100.0496').ok).toBe(true);
    expect(parseQuestionCode('0005.0001.0002.0001.0001').ok).toBe(true);
    expect(parseQuestionCode('0002.0009.0100.0000')).toMatchObject({
      ok: false,
      error: { code: 'domain:classifier.notQuestionLevel' },
    });
  });
});
