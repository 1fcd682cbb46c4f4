import type ru from '../ru/bot';
import type { Translation } from '../types';

// Namespace "bot" (English): must have exactly the keys of the Russian file.
export default {
  button: {
    file: 'File an appeal',
    status: 'Appeal status',
    mine: 'My appeals',
    operator: 'Contact an operator',
    cancel: 'Cancel',
    agree: 'I agree',
    confirm: 'Confirm',
    fix: 'Correct',
    citizen: 'Citizen',
    organisation: 'Organisation',
    individual: 'Individual',
    collective: 'Collective',
    done: 'Done',
    no: 'No',
    send: 'Submit',
    back: 'Back',
    add: 'Add to an appeal',
    withdraw: 'Withdraw an appeal',
    copy: 'Copy of the answer (PDF)',
  },
  menu: {
    welcome:
      'Hello! This is the official chat for citizens’ appeals.\n' +
      '• “File an appeal” — a formal appeal under Federal Law 59-FZ, with a registration number and an answer within 30 days.\n' +
      '• “Appeal status” and “My appeals” — how your appeals are progressing; there you can also add to or withdraw an appeal and get a PDF copy of the answer.\n' +
      '• “Contact an operator” — ask a member of staff.\n' +
      'Instead of buttons you can type: “file”, “status”, “my”, “add”, “withdraw”, “copy”, “operator”, “cancel”.',
    hint: 'Your message has been passed to the staff; the answer will come to this chat. To file a formal appeal with a registration number, press “File an appeal”.',
    operator: 'Write your question in one message — an operator will see it and answer in this chat.',
    nothingToCancel: 'There is nothing to cancel.',
    flood: 'Too many messages in a row. Please wait a little and try again.',
    // Finding 2: in a group chat the bot asks and tells nothing personal; one line, no buttons.
    groupChat:
      'Appeals are filed and their status is told only in a private chat with the bot, not in a group chat.',
    groupChatLink:
      'Appeals are filed and their status is told only in a private chat with the bot, not in a group chat: {{link}}',
  },
  wizard: {
    consent:
      'Filing a formal appeal (Federal Law No. 59-FZ).\n\n' +
      'To register the appeal we need your personal data: surname, name and patronymic; passport series and number (to confirm your identity); ' +
      'phone, postal and/or e-mail address (for the answer); the text of the appeal and files. ' +
      'The data controller is {{org}}. The data are used only to consider and answer the appeal, kept for {{retention}} (passport data encrypted), ' +
      'and not passed to third parties except the body competent to decide the matter (arts. 6 and 8 of 59-FZ).\n\n' +
      'By pressing “I agree” you consent to the processing of your personal data (152-FZ). “Cancel” leaves without saving anything.',
    retentionYears_one: '{{count}} year',
    retentionYears_few: '{{count}} years',
    retentionYears_many: '{{count}} years',
    retentionYears_other: '{{count}} years',
    consentAgain: 'To continue, press “I agree”. To leave, press “Cancel”.',
    askName:
      'Enter your surname, name and patronymic exactly as in your passport, e.g. Petrov Ivan Sergeevich.{{profileLine}}',
    profileLine:
      '\nYour profile says: “{{profile}}”. If it matches your passport, press the button with this name.',
    noProfileLine:
      '\nThis network does not pass on your profile name, so there is nothing to compare it with: an official will check the name when considering the appeal.',
    nameInvalid: '{{reason}} Please enter your full name again.',
    nameMismatch:
      'The name “{{name}}” does not match your profile name “{{profile}}” ({{reason}}). ' +
      'An appeal through a social network is accepted only when the profile name matches the passport. ' +
      'Check the spelling and enter your full name again. If your profile has another name, change it or file the appeal another way.',
    nameConfirm:
      'Your profile name “{{profile}}” does not fully match “{{name}}” ({{reason}}). ' +
      'If the name is exactly as in your passport, press “Confirm”; otherwise press “Correct”.',
    confirmAgain: 'Press “Confirm” or “Correct”.',
    askPassport:
      'Enter your passport series and number — 10 digits, e.g. 45 03 123456. They are stored encrypted and never shown in full.',
    passportInvalid: '{{reason}} Please enter the series and number again.',
    passportSaved: 'Passport {{masked}} accepted.',
    askPhone: 'Enter a phone number (e.g. +7 912 345-67-89) or press “No”.',
    askPostal:
      'Enter a postal address for the answer: postcode, town, street, house, flat (e.g. 620014, Yekaterinburg, ul. Lenina, 5, flat 12) — or press “No”.',
    askEmail: 'Enter an e-mail address for the answer (e.g. ivan.petrov@mail.ru) or press “No”.',
    contactInvalid: '{{reason}} Enter it again or press “No”.',
    phoneNotPhone:
      'This does not look like a phone number. Enter the number in digits, e.g. +7 912 345-67-89 or 8 912 345 67 89, or press “No”.',
    understood: {
      line: 'Understood: {{list}}.',
      phone: 'phone {{value}}',
      postal: 'postal address “{{value}}”',
      email: 'e-mail {{value}}',
    },
    contactRule:
      '{{reason}}\nThe rule: a phone plus a postal or e-mail address; without a phone, both a postal and an e-mail address.',
    askApplicantType:
      'Are you filing as a citizen or on behalf of an organisation? Press “Citizen” or “Organisation”.',
    askOrgName: 'Enter the full name of the organisation, e.g. Romashka Limited Liability Company.',
    askOrgInn: 'Enter the organisation’s INN: 10 digits (12 for a sole proprietor), e.g. 7707083893.',
    orgInvalid: '{{reason}} Please try again.',
    askCollective:
      'Is the appeal individual or collective (from several people)? Press “Individual” or “Collective”.',
    askCoSigner:
      'Enter a co-signer in one message: full name and a phone, e-mail or postal address, separated by a semicolon.\n' +
      'For example: Ivanova Maria Petrovna; +7 912 345-67-89\nWhen all co-signers are added, press “Done”.',
    coSignerAdded: 'Co-signer “{{name}}” added (total: {{count}}). Add another or press “Done”.',
    coSignerInvalid: '{{reason}} Format: full name; phone or e-mail or address.',
    coSignersEmpty: 'A collective appeal needs at least one co-signer. Add one or press “Cancel”.',
    askText:
      'Describe the matter: what happened, where, and what you ask to be done. You may attach photos and documents.\n' +
      'E.g.: The rubbish has not been collected in the yard of 5 Lenina Street for three weeks, please act.',
    textTooShort: 'Please describe the matter in more detail — at least {{min}} characters.',
    draftEdited: 'The appeal’s text now has your edit.',
    draftEditTooShort:
      'Your edit was not taken: the appeal’s text must keep at least {{min}} characters. The text is unchanged.',
    askAttachments: 'Attach files if needed (files: {{count}}), or press “Done”.',
    summary:
      'Please check your appeal:\n' +
      'Applicant: {{name}}\n' +
      'Passport: {{passport}}\n' +
      'Phone: {{phone}}\nPostal address: {{postal}}\nE-mail: {{email}}\n' +
      '{{kind}}\n' +
      'Text: {{text}}\n' +
      'Files: {{files}}\n\n' +
      'Is everything correct? Answer “yes” or press “Submit” to register it; “no” or “Correct” to correct something; “Cancel” to leave.',
    summaryAgain: 'Is everything correct? Answer “yes” or “no”, or press “Cancel”.',
    askFixField:
      'What should be corrected? “Full name”, “Passport”, “Contacts” or “Text of the appeal” — press a button or type it. “Back” returns to the check of the appeal.',
    fixField: {
      name: 'Full name',
      passport: 'Passport',
      contacts: 'Contacts',
      text: 'Text of the appeal',
    },
    firstStep: 'This is the first step. To leave, press “Cancel”.',
    kindCitizen: 'Appeal of a citizen',
    kindOrganisation: 'From an organisation: {{name}}, INN {{inn}}',
    kindCollective: 'Collective, co-signers: {{count}}',
    none: 'not given',
    registered:
      'Your appeal has been registered.\n' +
      'Registration number: {{number}}\n' +
      'Registered on: {{date}}\n' +
      'Legal deadline for the answer (art. 12 of 59-FZ): {{deadline}} inclusive. It may be extended by at most 30 days — you will be told here.\n' +
      'To check the status: the “Appeal status” button or the message “status {{number}}”.',
    registrationFailed:
      'The appeal could not be registered because of a technical error. Your answers are kept — press “Submit” again a little later.',
    cancelled: 'Filing cancelled. The data you entered have been deleted.',
    timedOut:
      'Filing was interrupted for more than {{hours}} h, so the data you entered have been deleted. To start again, press “File an appeal”.',
    resume: 'Let us continue filing your appeal where we stopped.',
  },
  status: {
    askNumber: 'Enter the registration number of the appeal, e.g. {{example}}.',
    line: 'No. {{number}} of {{date}} — {{status}}. Answer due: {{deadline}}.',
    noDeadline: 'not set',
    refused:
      'Appeal No. {{number}} is not among the appeals filed from this account. Its progress is reported only to the applicant, in the chat the appeal was filed from.',
    mineEmpty: 'No appeals have been filed from this account yet.',
    mineHeader: 'Your appeals:',
    mineMore: 'The latest {{shown}} of {{total}} are shown.',
    mineActions:
      'An appeal under consideration can be added to (“add”) or withdrawn (“withdraw”), and the answer to an answered one sent as a PDF copy (“copy”).',
    lineAnswered: 'No. {{number}} of {{date}} — answered on {{when}}.',
    lineClosed: 'No. {{number}} of {{date}} — consideration completed: {{result}}.',
    lineWithdrawn: 'No. {{number}} of {{date}} — withdrawn by you on {{when}}, consideration terminated.',
  },
  // After filing (issue 12): an addition, a withdrawal, a copy of the answer.
  after: {
    pickAdd: 'Which appeal do you want to add to? Choose its number.',
    pickWithdraw: 'Which appeal do you want to withdraw? Choose its number.',
    pickCopy: 'A copy of the answer to which appeal? Choose its number.',
    pickAgain: 'Choose the appeal’s number with a button or type it, e.g. {{example}}.',
    noneOpen:
      'None of the appeals filed from this account is under consideration: there is nothing to add to or withdraw.',
    noneAnswered:
      'Your appeals have not been answered yet. The answer will come to this chat as soon as it is given.',
    askAddition:
      'Addition to appeal No. {{number}}. Write what you want to add and/or send photos and documents, in one or several messages. When you are finished, press “Done”.',
    additionPart:
      'Added to appeal No. {{number}} (messages: {{parts}}, files: {{files}}). Send more or press “Done”.',
    additionDone:
      'The addition to appeal No. {{number}} has been received (messages: {{parts}}, files: {{files}}) and is considered together with the appeal. The answer is due as before.',
    additionEmpty: 'Nothing was added to appeal No. {{number}}.',
    askWithdraw:
      'Withdraw appeal No. {{number}}? Its consideration will be terminated and there will be no answer on the merits. You may give the reason in one message (optional). To confirm, press “Withdraw an appeal”; changed your mind — “Cancel”.',
    withdrawReason:
      'The reason is recorded. To withdraw appeal No. {{number}}, press “Withdraw an appeal”; changed your mind — “Cancel”.',
    withdrawn:
      'Appeal No. {{number}} has been withdrawn at your request of {{date}}. Its consideration is terminated. You can file a new appeal at any time.',
    notWithdrawn: 'Appeal No. {{number}} has not been withdrawn and is still being considered.',
    withdrawRefused: 'Appeal No. {{number}} is no longer under consideration and cannot be withdrawn.',
    withdrawalNote:
      'Withdrawn by the applicant: the withdrawal statement was received through {{channel}} on {{at}}.',
    withdrawalReason: 'Reason given by the applicant: {{reason}}',
    copy: 'A copy of the answer to appeal No. {{number}} is in the attached PDF.',
    cancelled: 'All right, nothing is changed.',
  },
  notice: {
    forwarded:
      'Appeal No. {{number}} has been forwarded to the competent body: {{body}} (art. 8 of 59-FZ). That body will answer on the merits.',
    extended:
      'The term for appeal No. {{number}} has been extended by {{days}} days. Reason: {{reason}}. New deadline: {{deadline}}.',
    answered: 'Answer to appeal No. {{number}}:\n\n{{text}}',
    answeredShort:
      'Appeal No. {{number}} has been answered. The answer was also sent to the contacts given in the appeal.',
    closed: 'Consideration of appeal No. {{number}} is complete. Result: {{result}}.',
    answerFileName: 'Answer {{number}}.pdf',
  },
  forwarded: {
    invited:
      "The author's appeal ({{author}}) reached Okno's inbox; the author has been invited to this chat.",
    notInvited:
      "The author's appeal ({{author}}) reached Okno's inbox. The network does not let the bot write to the author first: ask them to write here themselves.",
    notInvitedLink:
      "The author's appeal ({{author}}) reached Okno's inbox. The network does not let the bot write to the author first: pass them this link: {{link}}",
    someone: 'author not named',
  },
  thread: {
    author: 'Chat bot',
  },
  delivery: {
    unreachable:
      'Not delivered: the applicant cannot be reached in this network (blocked the bot or disallowed messages). Use the other contacts in the appeal.',
    failed: 'Not delivered: the network refused the message. Contact the applicant another way.',
    noChannel:
      'Not delivered: the conversation has no channel to answer through. Send the answer by post or phone.',
  },
} satisfies Translation<typeof ru>;
