import fc from 'fast-check';
import {
  answerFileMaxBytes,
  answerFileProblem,
  answerFilesProblem,
  answerFileType,
  emailAnswerFilesMaxTotalBytes,
  filePreview,
} from '../../../../shared/model/answer-files';

const mb = 1024 * 1024;

describe('the rule for files attached to an answer', () => {
  it('takes images, PDF and office documents by their extension, whatever the case', () => {
    expect(answerFileType('Схема.PDF', '')).toBe('application/pdf');
    expect(answerFileType('фото.jpeg', 'image/jpeg')).toBe('image/jpeg');
    expect(answerFileType('смета.xlsx', 'application/octet-stream')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('refuses programs, scripts, web pages and SVG, and a name whose declared type disagrees', () => {
    for (const name of [
      'setup.exe',
      'run.bat',
      'script.js',
      'page.html',
      'рисунок.svg',
      'archive.zip',
      'без расширения',
    ])
      expect(answerFileProblem({ name, type: '', size: 10 })).toBe('typeRefused');
    expect(answerFileType('отчёт.pdf', 'application/x-msdownload')).toBeNull();
    expect(answerFileType('отчёт.pdf.exe', '')).toBeNull();
  });

  it('refuses an empty file and one over 20 MB, and takes exactly 20 MB', () => {
    expect(answerFileProblem({ name: 'a.pdf', type: '', size: 0 })).toBe('empty');
    expect(answerFileProblem({ name: 'a.pdf', type: '', size: answerFileMaxBytes })).toBeNull();
    expect(answerFileProblem({ name: 'a.pdf', type: '', size: answerFileMaxBytes + 1 })).toBe('tooLarge');
  });

  it('allows at most 5 files and 20 MB together, 18 MB for an e-mail answer', () => {
    const files = (sizes: number[]) => sizes.map((size) => ({ size }));
    expect(answerFilesProblem(files([1, 1, 1, 1, 1, 1]), 'channel')).toBe('tooMany');
    expect(answerFilesProblem(files([10 * mb, 10 * mb]), 'channel')).toBeNull();
    expect(answerFilesProblem(files([10 * mb, 10 * mb]), 'email')).toBe('totalTooLarge');
    expect(answerFilesProblem(files([9 * mb, 9 * mb]), 'email')).toBeNull();
  });

  it('never lets an e-mail answer carry more than it allows, whatever the files', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: answerFileMaxBytes }), { maxLength: 5 }), (sizes) => {
        const accepted =
          answerFilesProblem(
            sizes.map((size) => ({ size })),
            'email',
          ) === null;
        const total = sizes.reduce((sum, size) => sum + size, 0);
        return accepted === total <= emailAnswerFilesMaxTotalBytes;
      }),
    );
  });

  it('previews images and PDF only', () => {
    expect(filePreview('image/png')).toBe('image');
    expect(filePreview('application/pdf')).toBe('pdf');
    expect(filePreview('image/heic')).toBeNull();
    expect(filePreview('application/msword')).toBeNull();
    expect(filePreview('text/html')).toBeNull();
  });
});
