import type ru from '../ru/letters';
import type { Translation } from '../types';

// Namespace "letters" (English): must have exactly the keys of the Russian file.
export default {
  outgoing: 'Ref. No. {{number}} of {{date}}',
  salutation: 'Dear {{name}},',
  salutationNameless: 'Dear applicant,',
  reference: 'In reply to your appeal of {{date}}, No. {{number}}',
  referenceUnnumbered: 'In reply to your appeal of {{date}}',
  executor: 'Prepared by {{name}}',
  executorPhone: 'Prepared by {{name}}, tel. {{phone}}',
  title: {
    answer: 'Answer to an appeal',
    extension: 'Notice of an extended term of consideration',
    forwarding: 'Notice of forwarding to the competent body',
    art11: 'Notice on an appeal',
    receipt: 'Receipt of an appeal',
  },
  body: {
    extension_one:
      'Under Article 12(2) of Federal Law No. 59-FZ of 2 May 2006 the term of consideration of your appeal has been extended by {{count}} day, until {{deadline}} inclusive.',
    extension_few:
      'Under Article 12(2) of Federal Law No. 59-FZ of 2 May 2006 the term of consideration of your appeal has been extended by {{count}} days, until {{deadline}} inclusive.',
    extension_many:
      'Under Article 12(2) of Federal Law No. 59-FZ of 2 May 2006 the term of consideration of your appeal has been extended by {{count}} days, until {{deadline}} inclusive.',
    extension_other:
      'Under Article 12(2) of Federal Law No. 59-FZ of 2 May 2006 the term of consideration of your appeal has been extended by {{count}} days, until {{deadline}} inclusive.',
    extensionReason: 'Grounds for the extension: {{reason}}',
    forwarding:
      'Under Article 8(3) of Federal Law No. 59-FZ of 2 May 2006 your appeal has been forwarded to the competent body: {{body}}.',
    art11:
      'Under Article 11 of Federal Law No. 59-FZ of 2 May 2006 the following decision has been taken on your appeal: {{outcome}}.',
    receipt: 'Your appeal was received on {{date}} and registered under No. {{number}}.',
    receiptDeadline: 'It will be considered by {{deadline}} inclusive (Article 12 of Federal Law No. 59-FZ).',
  },
  screen: {
    title: 'Print and send by post',
    hint: 'Letters that reach applicants on paper: answers and notices. Download a letter on the letterhead, print, sign, post it and mark it mailed.',
    empty: 'No letters to send by post.',
    created: 'Created',
    appeal: 'Appeal',
    addressee: 'Addressee',
    letter: 'Letter',
    actions: 'Actions',
    pdf: 'PDF',
    docx: 'DOCX',
    pdfHint: 'The letter on the letterhead as PDF, to print',
    docxHint: 'The letter on the letterhead in Word, to edit before signing',
    offline: 'The server makes the letter and it cannot be reached. Try again when it can.',
    failed: 'The server did not make the letter. Try again or tell the administrator.',
  },
  panel: {
    title: 'Letters',
    none: 'No letters on this appeal yet.',
    offline: 'Letters on the letterhead are made by the server, which cannot be reached.',
    issue: 'Prepare: {{title}}',
    issueAnswer: 'Prepare the letter with the answer of {{date}}',
  },
  thread: {
    author: 'Letter to the applicant by post',
    authorEmail: 'Letter to the applicant by e-mail',
    attached: 'The letter on the letterhead, with its outgoing number, is attached (PDF).',
    notice: '{{title}} (ref. No. {{number}} of {{date}})',
  },
} satisfies Translation<typeof ru>;
