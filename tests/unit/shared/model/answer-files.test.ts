import fc from 'fast-check';
import {
  answerFileMaxBytes,
  answerFileProblem,
  answerFilesProblem,
  answerFileType,
  appealScanRule,
  emailAnswerFilesMaxTotalBytes,
  emailAnswerLetterAllowanceBytes,
  filePreview,
  uploadAccept,
  uploadProblem,
  uploadType,
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

  it('allows at most 5 files and 20 MB together, 17 MB for an e-mail answer (1 MB is the letter’s)', () => {
    const files = (sizes: number[]) => sizes.map((size) => ({ size }));
    expect(answerFilesProblem(files([1, 1, 1, 1, 1, 1]), 'channel')).toBe('tooMany');
    expect(answerFilesProblem(files([10 * mb, 10 * mb]), 'channel')).toBeNull();
    expect(answerFilesProblem(files([10 * mb, 10 * mb]), 'email')).toBe('totalTooLarge');
    expect(answerFilesProblem(files([9 * mb, 8 * mb]), 'email')).toBeNull();
    expect(answerFilesProblem(files([9 * mb, 9 * mb]), 'email')).toBe('totalTooLarge');
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
        return accepted === total <= emailAnswerFilesMaxTotalBytes - emailAnswerLetterAllowanceBytes;
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

describe('the rule for scans on a reception or postal appeal', () => {
  it('takes PDF, JPEG and PNG as a scanner or a phone saves them', () => {
    expect(uploadType(appealScanRule, 'Заявление Иванова.PDF', '')).toBe('application/pdf');
    expect(uploadType(appealScanRule, 'скан 1.jpg', 'image/jpeg')).toBe('image/jpeg');
    expect(uploadType(appealScanRule, 'скан 2.png', 'image/png')).toBe('image/png');
    expect(uploadProblem(appealScanRule, { name: 'скан.pdf', type: '', size: 3 * mb })).toBeNull();
  });

  it('refuses TIFF with its own reason, which the app cannot show', () => {
    for (const name of ['scan0001.tif', 'СКАН.TIFF'])
      expect(uploadProblem(appealScanRule, { name, type: 'image/tiff', size: 10 })).toBe('tiffRefused');
  });

  it('refuses office documents, programs and a type that disagrees with the name', () => {
    for (const name of ['письмо.docx', 'setup.exe', 'page.html', 'рисунок.svg', 'без расширения'])
      expect(uploadProblem(appealScanRule, { name, type: '', size: 10 })).toBe('typeRefused');
    expect(uploadProblem(appealScanRule, { name: 'скан.pdf', type: 'image/png', size: 10 })).toBe(
      'typeRefused',
    );
  });

  it('refuses an empty scan and one over 20 MB', () => {
    expect(uploadProblem(appealScanRule, { name: 'a.png', type: '', size: 0 })).toBe('empty');
    expect(
      uploadProblem(appealScanRule, { name: 'a.png', type: '', size: appealScanRule.maxBytes }),
    ).toBeNull();
    expect(
      uploadProblem(appealScanRule, { name: 'a.png', type: '', size: appealScanRule.maxBytes + 1 }),
    ).toBe('tooLarge');
  });

  it('offers the picker exactly the types it takes', () => {
    expect(uploadAccept(appealScanRule)).toBe('.pdf,.jpg,.jpeg,.png');
  });

  it('accepts a file exactly when its extension is one of the rule’s and its size within 1 byte … 20 MB', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('pdf', 'jpg', 'png', 'tif', 'docx', 'exe', 'svg'),
        fc.integer({ min: 0, max: 2 * appealScanRule.maxBytes }),
        (extension, size) => {
          const accepted =
            uploadProblem(appealScanRule, { name: `скан.${extension}`, type: '', size }) === null;
          return (
            accepted ===
            (['pdf', 'jpg', 'png'].includes(extension) && size > 0 && size <= appealScanRule.maxBytes)
          );
        },
      ),
    );
  });
});
