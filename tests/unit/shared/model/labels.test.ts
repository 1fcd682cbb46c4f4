import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import {
  classifierSections,
  defaultWorkingCategories,
  sstuResults,
} from '../../../../shared/domain/classifier';
import {
  type Regime as DeadlineRegime,
  regimes as deadlineRegimes,
  shiftRules,
} from '../../../../shared/domain/deadlines';
import { appealActions } from '../../../../shared/domain/status-machine';
import { languages, resources } from '../../../../shared/i18n/resources';
import {
  appealForms,
  appealStatuses,
  applicantTypes,
  art11Outcomes,
  channels,
  deadlineShiftRules,
  deliveryStatuses,
  identificationMethods,
  labelKey,
  nameMatchVerdicts,
  type Regime,
  regimes,
  roles,
} from '../../../../shared/model';

/** Resolves `domain:a.b.c` in one language, or undefined. */
function lookup(language: (typeof languages)[number], key: string): unknown {
  const [namespace, path] = key.split(':') as [keyof (typeof resources)['ru'], string];
  let node: unknown = resources[language][namespace];
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}

const labelled: [string, string[]][] = [
  ['regime', regimes.map(labelKey.regime)],
  ['channel', channels.map(labelKey.channel)],
  ['role', roles.map(labelKey.role)],
  ['status', appealStatuses.map(labelKey.status)],
  ['action', appealActions.map(labelKey.action)],
  ['identification', identificationMethods.map(labelKey.identification)],
  ['applicantType', applicantTypes.map(labelKey.applicantType)],
  ['form', appealForms.map(labelKey.form)],
  ['nameMatch', nameMatchVerdicts.map(labelKey.nameMatch)],
  ['shiftRule', deadlineShiftRules.map(labelKey.shiftRule)],
  ['result', sstuResults.map(labelKey.result)],
  ['art11', art11Outcomes.map(labelKey.art11)],
  ['delivery', deliveryStatuses.map(labelKey.delivery)],
  ['category', defaultWorkingCategories.map((c) => labelKey.category(c.code))],
  ['subcategory', defaultWorkingCategories.flatMap((c) => c.subcategories.map(labelKey.subcategory))],
  ['classifierSection', classifierSections.map(labelKey.classifierSection)],
];

describe('domain labels', () => {
  it.each(labelled)('every %s value has a label in every language', (_group, keys) => {
    for (const language of languages) {
      for (const key of keys) expect(typeof lookup(language, key), `${language} ${key}`).toBe('string');
    }
  });

  it('has no label for a value that does not exist (groups mirror the vocabularies exactly)', () => {
    for (const [group, keys] of labelled.filter(([g]) => g !== 'subcategory')) {
      const present = Object.keys(resources.ru.domain[group as keyof typeof resources.ru.domain]);
      expect(present.sort(), group).toEqual(keys.map((key) => key.split('.').slice(1).join('.')).sort());
    }
  });

  it('the common namespace names the app', () => {
    expect(resources.ru.common.appName).toBe('Окно');
    expect(resources.en.common.appName).toBe('Okno');
  });
});

describe('one vocabulary with the deadline engine', () => {
  it('uses the same regime and shift-rule literals', () => {
    expectTypeOf<Regime>().toEqualTypeOf<DeadlineRegime>();
    expect([...regimes]).toEqual([...deadlineRegimes]);
    expect([...deadlineShiftRules]).toEqual([...shiftRules]);
  });
});

describe('error messages', () => {
  const sources = [
    'shared/domain/status-machine.ts',
    'shared/domain/classifier/code.ts',
    'shared/domain/classifier/tree.ts',
  ];
  const codes = [
    ...new Set(
      sources.flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/'(domain:[a-zA-Z]+\.[a-zA-Z0-9]+)'/g)].map((m) => m[1]!),
      ),
    ),
  ];

  it('finds the error codes in the sources', () => {
    expect(codes.length).toBeGreaterThan(30);
  });

  it.each(codes)('%s has a message in every language', (code) => {
    for (const language of languages)
      expect(typeof lookup(language, code), `${language} ${code}`).toBe('string');
  });
});

describe('rendering an error', () => {
  it('names the action and status in words, in both languages', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'ru', ns: ['domain'], interpolation: { escapeValue: false } });
    const params = { action: 'extend', status: 'answered', regime: 'formal' };
    expect(i18n.t('domain:transition.notAllowed', params)).toBe(
      'Действие «Продлить срок» недоступно в статусе «Дан ответ».',
    );
    await i18n.changeLanguage('en');
    expect(i18n.t('domain:transition.notAllowed', params)).toBe(
      '“Extend the term” is not available in status “Answered”.',
    );
    expect(i18n.t('domain:transition.textRequired', { field: 'reason' })).toBe('Fill in: reason.');
  });
});
