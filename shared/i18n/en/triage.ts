import type ru from '../ru/triage';
import type { Translation } from '../types';

// Namespace "triage" (English): must have exactly the keys of the Russian file.
export default {
  inbox: {
    decide: 'Selected message',
    makeIncident: 'It is an incident (I)',
    closeNotIncident: 'Not an incident, close (N)',
    madeIncident: 'The message is back in the work queue as an incident',
    closed: 'The message is closed: not an incident',
    refused: 'Not done: your role has no such action or the message has changed',
    hint: 'I — an incident (into work), N — not an incident (close without an answer), Alt+A — accept the suggestion',
    accepted: 'Suggestion accepted',
    acceptRefused: 'The suggestion could not be accepted: your role has no such action',
  },
  department: {
    fromChannel: 'the organisation has not routed such appeals yet: this is the channel’s default department',
    fromCategoryMap: 'from the category map',
  },
  row: {
    label: 'Triage suggestion: {{what}}',
    urgent: 'urgent',
  },
  reception: {
    title: 'Suggestion from the text',
    category: 'Category: {{category}}',
    department: 'Department: {{department}}',
    urgent: 'Urgent: {{signs}}',
    notUrgent: 'No signs of urgency',
    confidence: 'confidence {{percent}} %',
    apply: 'Apply the suggestion (Alt+A)',
    applied: 'Category and department were taken from the suggestion — check them',
    fromCopy: 'The triage model on this computer was received {{date}}; suggestions work offline too.',
    noModel:
      'No suggestion: this computer has not received the triage model yet. It will download at the next connection to the server.',
    notIncident: 'This looks like no appeal on the merits (thanks, a question, advertising…)',
  },
} as const satisfies Translation<typeof ru>;
