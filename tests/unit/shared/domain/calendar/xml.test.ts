import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseXmlCalendar, ruCalendars } from '../../../../../shared/domain/calendar';

const root = path.resolve(import.meta.dirname, '..', '..', '..', '..', '..');
const calendarDir = path.join(root, 'resources', 'calendar', 'ru');

const calendarXml = (days: string, year = '2027') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<calendar year="${year}" lang="ru" date="2026.09.30"><holidays/><days>${days}</days></calendar>`;

describe('vendored production calendars', () => {
  it('ships the official calendars for 2024 to 2027 as resources', () => {
    expect(readdirSync(calendarDir).sort()).toEqual(['2024.xml', '2025.xml', '2026.xml', '2027.xml']);
    expect(ruCalendars.map((c) => c.year)).toEqual([2024, 2025, 2026, 2027]);
  });

  it('regenerating the calendar module from resources/ gives exactly the committed file', () => {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const generated = execFileSync(process.execPath, [tsx, 'scripts/vendor-calendars.mjs', '--stdout'], {
      cwd: root,
      encoding: 'utf8',
    });
    const committed = readFileSync(
      path.join(root, 'shared', 'domain', 'calendar', 'ru-calendars.generated.ts'),
      'utf8',
    );
    expect(generated).toBe(committed);
  }, 30_000);

  it('reads each vendored file into the same data the generated module holds', () => {
    for (const calendar of ruCalendars) {
      const parsed = parseXmlCalendar(readFileSync(path.join(calendarDir, `${calendar.year}.xml`), 'utf8'));
      expect(parsed).toEqual({ ok: true, value: calendar });
    }
  });
});

describe('parseXmlCalendar', () => {
  it('reads days off, shortened days, working weekend days and transfers of the 2026 calendar', () => {
    const parsed = parseXmlCalendar(readFileSync(path.join(calendarDir, '2026.xml'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.code);
    expect(parsed.value.year).toBe(2026);
    expect(parsed.value.edition).toBe('2025.09.30');
    expect(parsed.value.dayOffs).toContain('05-09');
    expect(parsed.value.dayOffs).toContain('01-09');
    expect(parsed.value.shortened).toEqual(['04-30', '05-08', '06-11', '11-03']);
    expect(parsed.value.transfers['12-31']).toBe('01-04');
  });

  it('reads a newer calendar an organisation loads, with working weekend days', () => {
    const parsed = parseXmlCalendar(
      calendarXml(
        '<day d="01.01" t="1" h="1"/>\n<!-- перенос -->\n<day d="01.09" t=\'3\' /><day d="01.11" t="1" f="01.09"/>',
      ),
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        year: 2027,
        edition: '2026.09.30',
        dayOffs: ['01-01', '01-11'],
        shortened: [],
        workingWeekends: ['01-09'],
        transfers: { '01-11': '01-09' },
      },
    });
  });

  it.each([
    ['an empty string', '', 'deadlines:errors.calendarMalformed'],
    ['plain text', 'производственный календарь', 'deadlines:errors.calendarMalformed'],
    ['a root without a year', '<calendar><days></days></calendar>', 'deadlines:errors.calendarYear'],
    [
      'a year with letters',
      '<calendar year="20x6"><days></days></calendar>',
      'deadlines:errors.calendarYear',
    ],
    [
      'a year far in the future',
      '<calendar year="9999"><days></days></calendar>',
      'deadlines:errors.calendarYear',
    ],
    ['no <days> element', '<calendar year="2027"></calendar>', 'deadlines:errors.calendarMalformed'],
    ['31 February', calendarXml('<day d="02.31" t="1"/>'), 'deadlines:errors.calendarDay'],
    ['29 February in a common year', calendarXml('<day d="02.29" t="1"/>'), 'deadlines:errors.calendarDay'],
    ['an unknown day type', calendarXml('<day d="02.02" t="7"/>'), 'deadlines:errors.calendarDay'],
    ['a day without a type', calendarXml('<day d="02.02"/>'), 'deadlines:errors.calendarDay'],
    [
      'an impossible transfer source',
      calendarXml('<day d="02.02" t="1" f="13.01"/>'),
      'deadlines:errors.calendarDay',
    ],
    [
      'a day listed twice',
      calendarXml('<day d="02.02" t="1"/><day d="02.02" t="2"/>'),
      'deadlines:errors.calendarDuplicateDay',
    ],
    [
      'foreign elements among the days',
      calendarXml('<day d="02.02" t="1"/><script>x</script>'),
      'deadlines:errors.calendarMalformed',
    ],
    ['an unclosed day element', calendarXml('<day d="02.02" t="1"'), 'deadlines:errors.calendarMalformed'],
    [
      'an entity expansion bomb',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><calendar year="2027"><days>&lol2;</days></calendar>',
      'deadlines:errors.calendarUnsafe',
    ],
    [
      'an external entity',
      '<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><calendar year="2027"><days/></calendar>',
      'deadlines:errors.calendarUnsafe',
    ],
    [
      'a file of several megabytes',
      calendarXml('<day d="02.02" t="1"/>'.repeat(200_000)),
      'deadlines:errors.calendarTooLarge',
    ],
  ])('refuses %s with a clear error', (_name, xml, code) => {
    const parsed = parseXmlCalendar(xml);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe(code);
  });

  it('refuses input that is not a string instead of crashing', () => {
    for (const value of [undefined, null, 42, {}, ['<calendar/>']]) {
      expect(parseXmlCalendar(value as unknown as string).ok).toBe(false);
    }
  });

  it('answers quickly on pathological input built to make patterns backtrack', () => {
    const started = performance.now();
    for (const xml of [
      `<calendar year="2027"><days>${'<day '.repeat(40_000)}</days></calendar>`,
      `<calendar year="2027"${' a="1"'.repeat(30_000)}><days>${'<!--'.repeat(30_000)}</days></calendar>`,
      `<calendar year="2027"><days><day d="${'0'.repeat(200_000)}" t="1"/></days></calendar>`,
    ]) {
      expect(parseXmlCalendar(xml).ok).toBe(false);
    }
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
