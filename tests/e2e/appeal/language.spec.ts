import { expect, test } from '@playwright/test';
import { signInToInbox } from '../support/inbox-page';
import { apiLogin, departmentsByCode, pullAll, uniqueSubject } from '../support/okno-api';
import { hasCyrillic, looksLikeI18nKey, visibleTexts } from '../support/visible-text';
import { openAppealFromInbox, runCommand, seedAppeal } from './support';

/**
 * The organisation's own data (department and staff names, registration numbers) stays as written; everything else on the
 * appeal view and the reception form must follow the interface language.
 */
async function organisationData(): Promise<string[]> {
  const supervisor = await apiLogin('demo-supervisor');
  const departments = await pullAll(supervisor, 'departments');
  const users = await pullAll(supervisor, 'users');
  // Registration numbers follow the organisation's pattern (`ОГ-2026-000123`): data, not interface.
  const appeals = await pullAll(supervisor, 'appeals');
  const numbers = appeals.flatMap((a) => (a.registrationNumber ? [a.registrationNumber] : []));
  // Triage names the state portal's own classifier item (Russian, as the portal publishes it) and the
  // words of the text that decided: data, not interface.
  const triage = appeals
    .flatMap((a) =>
      a.triage
        ? [
            ...a.triage.category.map((c: { value: string }) => c.value),
            ...[...a.triage.category, a.triage.incident, a.triage.urgency].flatMap(
              (s: { because?: string[] }) => s.because ?? [],
            ),
          ]
        : [],
    )
    .filter((value: string) => value.length >= 3);
  return [
    ...departments.map((d) => d.name),
    ...users.map((u) => u.displayName),
    ...numbers,
    ...triage,
    'Администрация г. Демо',
  ];
}

const uniquePhone = () => `+7916${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

const notData = (data: string[]) => (text: string) => !data.some((value) => text.includes(value));

test.describe('language of the appeal view and the reception form', () => {
  test('switching to English leaves no untranslated keys and no Russian interface text', async ({ page }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Pothole on Lenin Street');
    await seedAppeal(supervisor, {
      departmentId: departments.ДТ!,
      subject,
      text: 'There is a deep pothole in front of house 5.',
      applicant: {
        applicantId: null,
        name: { lastName: 'Ivanova', firstName: 'Maria', patronymic: null },
        // Contacts of this run only: the applicant-history list must not bring in other journeys' appeals,
        // whose subjects are data written in Russian.
        contacts: { phone: uniquePhone(), email: `ivanova-${Date.now()}@example.ru`, postalAddress: null },
        identification: 'social-passport',
        passportMasked: '45 ** ***456',
        nameMatch: { verdict: 'match', profileName: 'Maria Ivanova', checkedAt: Date.now() },
      },
      kind: {
        collective: false,
        applicantType: 'citizen',
        form: 'complaint',
        organisationName: null,
        inn: null,
        coSigners: [],
        complaintAgainst: null,
      },
    });
    const data = await organisationData();

    await signInToInbox(page, 'demo-operator');
    await openAppealFromInbox(page, subject);
    const russian = await visibleTexts(page);
    expect(russian.filter(looksLikeI18nKey)).toEqual([]);

    await page.getByRole('combobox', { name: 'Язык интерфейса' }).click();
    await page.getByRole('option', { name: 'Английский' }).click();
    await expect(page.getByRole('region', { name: 'Conversation' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'History' })).toBeVisible();
    const english = (await visibleTexts(page)).filter(notData(data));
    expect(english.filter(looksLikeI18nKey)).toEqual([]);
    expect(english.filter(hasCyrillic)).toEqual([]);

    await page.getByRole('button', { name: 'Back to the list' }).click();
    await runCommand(page, 'New reception card');
    await expect(page.getByRole('heading', { name: 'Reception entry' })).toBeVisible();
    await page.getByRole('button', { name: 'Register the appeal' }).click();
    await expect(page.getByText('Correct the marked fields.')).toBeVisible();
    const form = (await visibleTexts(page)).filter(notData(data));
    expect(form.filter(looksLikeI18nKey)).toEqual([]);
    expect(form.filter(hasCyrillic)).toEqual([]);
  });
});
