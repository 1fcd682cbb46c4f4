import {
  classifierSections,
  loadClassifier,
  loadSampleClassifier,
  sampleClassifierEdition,
} from '../../../../../shared/domain/classifier';

const edition = (entries: unknown) => ({ format: 'okno-classifier/1', edition: 'test-1', entries });

describe('the bundled sample edition', () => {
  const loaded = loadSampleClassifier();
  if (!loaded.ok) throw new Error(loaded.error.code);
  const tree = loaded.value;

  it('is marked as a sample, versioned, and loads through the same validation as an official edition', () => {
    expect(tree.sample).toBe(true);
    expect(tree.edition).toBe('okno-sample-1');
    const reloaded = loadClassifier(sampleClassifierEdition);
    expect(reloaded.ok && [reloaded.value.edition, reloaded.value.size]).toEqual([tree.edition, tree.size]);
  });

  it('has the five sections of the typical classifier', () => {
    expect(tree.sections.map((s) => [s.code, s.title])).toEqual([
      ['0001.0000.0000.0000', 'Государство, общество, политика'],
      ['0002.0000.0000.0000', 'Социальная сфера'],
      ['0003.0000.0000.0000', 'Экономика'],
      ['0004.0000.0000.0000', 'Оборона, безопасность, законность'],
      ['0005.0000.0000.0000', 'Жилищно-коммунальная сфера'],
    ]);
    expect(tree.sections.map((s) => s.code.slice(0, 4))).toEqual([...classifierSections]);
  });

  it('holds a few dozen subjects, topics and questions, each section with questions', () => {
    const all = tree.sections.flatMap(function walk(node): { level: string; code: string }[] {
      return [node, ...tree.children(node.code).flatMap(walk)];
    });
    expect(all).toHaveLength(tree.size);
    expect(tree.size).toBeGreaterThanOrEqual(40);
    for (const section of tree.sections) {
      expect(all.some((n) => n.level === 'question' && n.code.startsWith(section.code.slice(0, 4)))).toBe(
        true,
      );
    }
  });

  it('looks nodes up by code, lists children in code order and gives the path from the section', () => {
    expect(tree.get('0005.0001.0002.0001')).toEqual({
      code: '0005.0001.0002.0001',
      title: 'Теплоснабжение',
      level: 'question',
      parentCode: '0005.0001.0002.0000',
    });
    expect(tree.children('0005.0001.0002.0001').map((n) => n.title)).toEqual([
      'Отсутствие отопления',
      'Ненадлежащая температура в помещениях',
    ]);
    expect(tree.path('0005.0001.0002.0001').map((n) => n.level)).toEqual([
      'section',
      'subject',
      'topic',
      'question',
    ]);
    expect(tree.get('9999.0000.0000.0000')).toBeUndefined();
    expect(tree.children('9999.0000.0000.0000')).toEqual([]);
    expect(tree.path('nonsense')).toEqual([]);
  });
});

describe('loading an edition', () => {
  const section = { code: '0001.0000.0000.0000', title: 'Государство, общество, политика' };

  it('accepts entries in any order', () => {
    const loaded = loadClassifier(
      edition([
        { code: '0001.0001.0000.0000', title: 'Тематика' },
        section,
        { code: '0001.0001.0001.0000', title: 'Тема' },
      ]),
    );
    expect(loaded.ok && loaded.value.path('0001.0001.0001.0000').map((n) => n.title)).toEqual([
      'Государство, общество, политика',
      'Тематика',
      'Тема',
    ]);
    expect(loaded.ok && loaded.value.sample).toBe(false);
  });

  it.each([
    ['not an object', 'nonsense', 'domain:classifier.notAnEdition'],
    ['an array', [], 'domain:classifier.notAnEdition'],
    ['an unknown format', { ...edition([section]), format: 'xlsx' }, 'domain:classifier.formatUnknown'],
    ['no edition name', { ...edition([section]), edition: ' ' }, 'domain:classifier.editionMissing'],
    ['no entries', edition([]), 'domain:classifier.entriesMissing'],
    ['entries not a list', edition({ 0: section }), 'domain:classifier.entriesMissing'],
    ['an entry that is not an object', edition([section, 42]), 'domain:classifier.entryInvalid'],
    ['a malformed code', edition([{ code: '1.2.3.4', title: 'x' }]), 'domain:classifier.codeFormat'],
    [
      'a code with a gap',
      edition([section, { code: '0001.0000.0001.0000', title: 'x' }]),
      'domain:classifier.codeGap',
    ],
    ['a missing title', edition([{ code: section.code }]), 'domain:classifier.titleMissing'],
    ['an empty title', edition([{ code: section.code, title: '  ' }]), 'domain:classifier.titleMissing'],
    ['a duplicate code', edition([section, section]), 'domain:classifier.duplicateCode'],
    [
      'an orphan',
      edition([section, { code: '0001.0002.0003.0000', title: 'x' }]),
      'domain:classifier.parentMissing',
    ],
  ])('refuses %s', (_what, json, code) => {
    expect(loadClassifier(json)).toMatchObject({ ok: false, error: { code } });
  });
});
