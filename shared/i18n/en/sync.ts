import type ru from '../ru/sync';
import type { Translation } from '../types';

// Namespace "sync" (English): must have exactly the keys of the Russian file.
export default {
  refusal: {
    outOfScope: 'The appeal no longer belongs to your departments; the change was not accepted.',
    readOnly: 'This data cannot be changed from a workstation.',
    roleMayNotChange: 'Your role may not change these fields.',
    serverOwned: 'These fields (registration number, deadlines, delivery status) are set by the server.',
    statusTransition:
      'The status change “$t(domain:status.{{from}})” → “$t(domain:status.{{to}})” is not allowed for your role.',
    concurrentEdit: 'Another official changed these fields at the same time; their value was kept.',
    invalidDocument: 'The change did not pass data validation.',
    immutable: 'Sent messages cannot be changed or deleted.',
    closedAppeal: 'The appeal is closed: its subject, category and urgency stay as they were when it closed.',
    replyViaMissing: 'The answer has no reply route (original channel, e-mail or post).',
    replyViaChannel:
      'Answer not accepted: the appeal has no conversation in its original channel (or the answer names another conversation). Choose e-mail or a postal letter.',
    replyViaEmail: 'Answer not accepted: the applicant gave no e-mail address. Choose another reply route.',
    replyViaPost: 'Answer not accepted: the applicant gave no postal address. Choose another reply route.',
    answerFiles:
      'Answer not accepted: its files were not uploaded to the server for this appeal, or there are more than 5 or over 20 MB together (17 MB for an e-mail answer).',
    appealScans:
      'Scan not attached: it was not uploaded to the server for this appeal. The files the appeal already had stay.',
    template: 'The answer template was not saved: $t(templates:problem.{{problem}})',
  },
  otherRefusal: 'The server refused the change.',
  delivery: {
    printRequired: 'Postal answer: print the letter and mail it to the applicant.',
  },
} satisfies Translation<typeof ru>;
