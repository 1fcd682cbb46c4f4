// Every user-visible string of Okno, by namespace. Russian is the reference language;
// each English namespace is type-checked to have exactly the Russian keys.
import enAdmin from './en/admin';
import enApp from './en/app';
import enBot from './en/bot';
import enComments from './en/comments';
import enCommon from './en/common';
import enControl from './en/control';
import enDeadlines from './en/deadlines';
import enDomain from './en/domain';
import enLetterhead from './en/letterhead';
import enLetters from './en/letters';
import enOrganisation from './en/organisation';
import enProblems from './en/problems';
import enQuality from './en/quality';
import enReports from './en/reports';
import enSetup from './en/setup';
import enSync from './en/sync';
import enTemplates from './en/templates';
import enTriage from './en/triage';
import enTriageControl from './en/triageControl';
import enUpdates from './en/updates';
import enValidation from './en/validation';
import enWork from './en/work';
import ruAdmin from './ru/admin';
import ruApp from './ru/app';
import ruBot from './ru/bot';
import ruComments from './ru/comments';
import ruCommon from './ru/common';
import ruControl from './ru/control';
import ruDeadlines from './ru/deadlines';
import ruDomain from './ru/domain';
import ruLetterhead from './ru/letterhead';
import ruLetters from './ru/letters';
import ruOrganisation from './ru/organisation';
import ruProblems from './ru/problems';
import ruQuality from './ru/quality';
import ruReports from './ru/reports';
import ruSetup from './ru/setup';
import ruSync from './ru/sync';
import ruTemplates from './ru/templates';
import ruTriage from './ru/triage';
import ruTriageControl from './ru/triageControl';
import ruUpdates from './ru/updates';
import ruValidation from './ru/validation';
import ruWork from './ru/work';

export const languages = ['ru', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'ru';

export const resources = {
  ru: {
    app: ruApp,
    admin: ruAdmin,
    common: ruCommon,
    comments: ruComments,
    domain: ruDomain,
    validation: ruValidation,
    deadlines: ruDeadlines,
    bot: ruBot,
    sync: ruSync,
    templates: ruTemplates,
    work: ruWork,
    updates: ruUpdates,
    setup: ruSetup,
    letters: ruLetters,
    letterhead: ruLetterhead,
    organisation: ruOrganisation,
    control: ruControl,
    triage: ruTriage,
    quality: ruQuality,
    triageControl: ruTriageControl,
    problems: ruProblems,
    reports: ruReports,
  },
  en: {
    app: enApp,
    admin: enAdmin,
    common: enCommon,
    comments: enComments,
    domain: enDomain,
    validation: enValidation,
    deadlines: enDeadlines,
    bot: enBot,
    sync: enSync,
    templates: enTemplates,
    work: enWork,
    updates: enUpdates,
    setup: enSetup,
    letters: enLetters,
    letterhead: enLetterhead,
    organisation: enOrganisation,
    control: enControl,
    triage: enTriage,
    quality: enQuality,
    triageControl: enTriageControl,
    problems: enProblems,
    reports: enReports,
  },
} as const;

export type Namespace = keyof (typeof resources)['ru'];
export const namespaces = Object.keys(resources.ru) as Namespace[];
