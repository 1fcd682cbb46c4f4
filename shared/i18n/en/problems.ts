import type ru from '../ru/problems';
import type { Translation } from '../types';

// Namespace "problems" (English): must have exactly the keys of the Russian file.
export default {
  candidates: {
    title: 'Possibly the same problem',
    intro: 'Other applicants wrote about the same in the last {{days}} days. Only a person groups appeals.',
    merge: 'Group',
    open: 'Open',
    inGroup: 'already in a group',
    failed: 'Could not load similar appeals',
    mergeFailed: 'Could not group the appeals',
    offline: 'The server finds similar appeals of other applicants — no connection',
  },
  evidence: {
    placeHouse: 'same address: {{place}}',
    placeStreet: 'same street: {{place}}',
    category: 'same category',
    text: 'similar text {{similarity}}',
    today: 'same day',
    daysAgo: '{{days}} days apart',
  },
  group: {
    title: 'One problem, several applicants',
    count: 'Appeals in the group: {{count}}',
    outside: '{{count}} more outside your departments',
    remove: 'Remove from the group',
    answerAll: 'Answer all',
    removeFailed: 'Could not remove the appeal from the group',
  },
  answer: {
    title: 'Answer to every applicant of the group',
    hint: 'Each applicant receives this answer in their own channel (chat, e-mail or letter); each appeal becomes answered.',
    text: 'Answer text',
    send: 'Send to all',
    cancel: 'Cancel',
    sent: 'Answer sent to applicants: {{answered}}. Skipped (already answered or closed): {{skipped}}',
    nothing: 'Every appeal of the group is already answered or closed',
    outside:
      'Some appeals of the group are outside your departments — a head or supervisor can answer them all',
    failed: 'Could not send the answer',
    filesNotCarried:
      'The files cannot go to everyone: some applicants’ channel cannot carry them (too many or too large). Send the answer without them, or answer those applicants separately',
  },
  badge: {
    label: 'One problem',
    hint: 'The appeal is in a group «one problem, several applicants»',
  },
  history: {
    added: 'Appeal added to a «one problem» group',
    removed: 'Appeal removed from a «one problem» group',
    answered: 'Answer to every applicant of the «one problem» group',
  },
} satisfies Translation<typeof ru>;
