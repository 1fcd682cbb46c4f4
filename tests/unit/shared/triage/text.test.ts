import { describe, expect, it } from 'vitest';
import { cleanText, maskPersonalData, masks } from '../../../../shared/triage/text';

describe('cleanText', () => {
  it('strips the portal editor’s HTML and entities, lower-cases and writes е for ё', () => {
    expect(cleanText('<p>Ёлка&nbsp;у&nbsp;&laquo;Дома&raquo;</p><br/>Всё')).toBe('елка у «дома» все');
  });
});

describe('maskPersonalData', () => {
  it('masks a full name with a patronymic and a surname', () => {
    const masked = maskPersonalData('Меня зовут Иванова Мария Петровна, прошу помочь');
    expect(masked).not.toMatch(/иванов|мари|петровн/);
    expect(masked).toContain(masks.name);
  });

  it('masks a surname with initials on either side', () => {
    const masked = maskPersonalData('Глава района Петров И.И. не отвечает, как и А.Б. Сидоренко');
    expect(masked).not.toMatch(/петров|сидоренко/);
  });

  it('masks a person named after a cue word', () => {
    expect(maskPersonalData('Соседка Кузнецова сливает воду')).not.toContain('кузнецов');
  });

  it('masks phones in the forms citizens write them', () => {
    for (const phone of [
      '+7 (912) 345-67-89',
      '8-912-345-67-89',
      '89123456789',
      '8 4712 51-23-45',
      '51-23-45',
    ]) {
      const masked = maskPersonalData(`звоните ${phone} вечером`);
      expect(masked, phone).not.toMatch(/\d{2}/);
      expect(masked).toContain(masks.phone);
    }
  });

  it('masks e-mail addresses', () => {
    const masked = maskPersonalData('пишите на maria.iv@mail.ru или жкх-отдел@почта.рф');
    expect(masked).not.toMatch(/maria|mail\.ru|почта\.рф/);
    expect(masked.split(masks.email)).toHaveLength(3);
  });

  it('masks house, flat and building numbers after a street name or a building word', () => {
    const masked = maskPersonalData('на Ленина 5 нет воды; ул. Урицкого, 22/1, д. 12а кв. 41, корп. 2');
    expect(masked).not.toMatch(/\d/);
    expect(masked).toContain('ленина');
  });

  it('masks passport, СНИЛС and card numbers however they are grouped', () => {
    for (const number of ['4510 123456', '123-456-789 01', '4276123456789012', '4276 1234 5678 9012']) {
      const masked = maskPersonalData(`мой номер ${number}, прошу проверить`);
      expect(masked, number).not.toMatch(/\d/);
      expect(masked).toContain(masks.document);
    }
  });

  it('masks profile handles and a name typed without a space before the patronymic', () => {
    const masked = maskPersonalData('пишите @ivan_petrov или @club123456; ВикторНиколаевич обещал');
    expect(masked).not.toMatch(/ivan|club|виктор|николаевич/);
  });

  it('keeps the words of the problem', () => {
    expect(maskPersonalData('Третий день нет горячей воды')).toBe('третий день нет горячей воды');
  });
});
