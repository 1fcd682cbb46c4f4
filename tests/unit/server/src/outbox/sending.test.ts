import fc from 'fast-check';
import { splitText } from '../../../../../server/src/outbox/sending';

const paragraph = (n: number, word: string) => Array.from({ length: n }, () => word).join(' ');

describe('splitText: a long answer in parts the network accepts', () => {
  it('defect: a long answer is cut at a paragraph break, not at the last space before the limit', () => {
    const first = `${paragraph(300, 'слово')}.`; // 1800 characters
    const second = paragraph(200, 'текст'); // 1199 characters
    const text = `${first}\n\n${second}`;
    expect(splitText(text, 2500)).toEqual([first, second]);
  });

  it('cuts at a sentence end when a paragraph does not fit', () => {
    const sentence = `${paragraph(50, 'дом')}.`; // 200 characters
    const text = `${sentence} ${sentence} ${sentence}`;
    expect(splitText(text, 450)).toEqual([`${sentence} ${sentence}`, sentence]);
  });

  it('cuts at a space when a sentence does not fit, and at the limit when there is none', () => {
    expect(splitText('аааа бббб вввв', 10)).toEqual(['аааа бббб', 'вввв']);
    expect(splitText('а'.repeat(25), 10)).toEqual(['а'.repeat(10), 'а'.repeat(10), 'а'.repeat(5)]);
  });

  it('never cuts between the halves of a surrogate pair (an emoji stays whole)', () => {
    const parts = splitText(`${'а'.repeat(9)}😀${'б'.repeat(5)}`, 10);
    expect(parts).toEqual(['а'.repeat(9), `😀${'б'.repeat(5)}`]);
  });

  it('every part fits, and the parts hold the whole text in order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('слово', 'да.', 'нет!', '\n', '\n\n', ' ', '😀', 'x'), { maxLength: 400 }),
        fc.integer({ min: 8, max: 200 }),
        (pieces, limit) => {
          const text = pieces.join('');
          const parts = splitText(text, limit);
          expect(parts.every((p) => p.length <= limit)).toBe(true);
          expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        },
      ),
    );
  });
});
