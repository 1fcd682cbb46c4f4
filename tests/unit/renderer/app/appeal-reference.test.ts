import { describe, expect, it } from 'vitest';
import { appealReference } from '../../../../renderer/app/appeal-reference';
import { createI18n } from '../../../../renderer/app/i18n';
import type { Translate } from '../../../../renderer/app/translate';
import { appealFixture } from '../../shared/model/fixtures';

const t = createI18n('ru').t as unknown as Translate;
const formatDate = () => '06.12.2026, 10:15';

describe('how an appeal is named where its number would be', () => {
  it('is the registration number once there is one', () => {
    expect(appealReference(t, appealFixture({ registrationNumber: '15/2025' }), formatDate)).toBe('15/2025');
  });

  it('a formal appeal not yet registered waits for its number from the sync', () => {
    const appeal = appealFixture({ regime: 'formal', registrationNumber: null });
    expect(appealReference(t, appeal, formatDate)).toBe('Номер присваивается при синхронизации');
  });

  it('defect 5: an incident or a portal message, never numbered, says what it is and when it came', () => {
    for (const [regime, kind] of [
      ['incident', 'Инцидент'],
      ['portal', 'Сообщение с портала (ПОС)'],
    ] as const) {
      const text = appealReference(t, appealFixture({ regime, registrationNumber: null }), formatDate);
      expect(text).toBe(`${kind} от 06.12.2026, 10:15`);
      expect(text).not.toContain('присваивается');
    }
  });
});
