import type ru from '../ru/quality';
import type { Translation } from '../types';

// Namespace "quality" (English): must have exactly the keys of the Russian file.
export default {
  screen: {
    title: 'Answer quality',
    back: 'Back',
    refresh: 'Refresh',
    loading: 'Loading…',
    offline:
      'Answer quality works only while connected to the server. Check the connection and press "Refresh".',
    openAppeal: 'Open the appeal',
    tabs: {
      approvals: 'Awaiting approval',
      unhelpful: 'The answer did not help',
      summary: 'Summary',
      rules: 'Approval settings',
    },
  },
  approval: {
    awaiting: "Awaiting the head's approval",
    returned: 'Returned by the head for rework',
    queueTitle: 'Awaiting approval',
    queueEmpty: 'No answers await approval',
    queueIntro: "Executors' answers that reach the applicant only after you approve them.",
    author: 'Executor',
    appeal: 'Appeal',
    submittedAt: 'Submitted',
    approve: 'Approve and send',
    edit: 'Edit',
    saveAndApprove: 'Approve with the edit',
    returnToExecutor: 'Return for rework',
    returnComment: 'What to fix',
    returnCommentHint: 'The executor sees this remark on the appeal',
    approved: 'The answer was approved and sent',
    returnedDone: 'The answer was returned to the executor',
    commentRequired: 'Write what to fix',
    loadFailed: 'Could not load the answers awaiting approval',
    actionFailed: 'The action failed',
    rulesTitle: 'Approval of answers',
    rulesIntro:
      "Answers of which departments and kinds of appeal reach the applicant only after the department head's approval.",
    department: 'Department',
    regime: {
      formal: 'Under 59-FZ',
      portal: 'Portal messages',
      incident: 'Incidents',
    },
    ruleSaved: 'The approval setting was saved',
    returnedComment: "The head's remark: {{comment}}",
    brushOffTitle: 'Brush-offs',
    brushOffIntro:
      'Phrases that make an answer a brush-off when nothing concrete (numbers, dates, deeds) comes with them: the check warns the executor. One per line.',
    brushOffSave: 'Save the list',
    brushOffReset: 'Back to the default list',
    brushOffSaved: 'The brush-off list was saved',
  },
  verdict: {
    question: 'Did the answer to your appeal help you?',
    yes: 'Yes',
    partly: 'Partly',
    no: 'No',
    thanks: 'Thank you! Your rating was recorded.',
    thanksNo:
      'Thank you for telling us. A supervisor will look at your appeal again. If you like, write in one message what the answer lacked.',
    already: 'You have already rated this answer. Thank you!',
    commentThanks: 'Thank you, your comment was passed on.',
    emailSubject: 'Did the answer help you?',
    emailText:
      'Did the answer to your appeal help you? Reply to this e-mail with one word: "Yes", "Partly" or "No" — and add a comment if you like.',
    value: {
      yes: 'Helped',
      partly: 'Partly helped',
      no: 'Did not help',
      none: 'No reply',
    },
    listTitle: 'The answer did not help',
    listIntro: 'Applicants answered "No" to "Did the answer help?". Decide what to do with each appeal.',
    listEmpty: 'No undecided "did not help" ratings',
    citizenComment: "Applicant's comment",
    answeredAt: 'Rated',
    decision: {
      rework: 'Return to the executor for rework',
      new_appeal: 'Register as a new appeal',
      accepted: 'Let the answer stand',
    },
    decided: 'Decision recorded',
    reopened: 'The appeal was put back into work',
  },
  checks: {
    title: 'Answer check',
    tooShort:
      'The answer to a 59-FZ appeal is shorter than {{min}} characters — it probably does not answer on the merits.',
    offTopic:
      "The answer contains none of the appeal's key words ({{terms}}) — check that it answers the questions asked.",
    brushOff:
      'The answer contains a brush-off ("{{phrase}}") without substance: what will be done, by whom and when.',
    refusalWithoutReason:
      'A refusal without a reason: state the ground for refusing (the rule or the circumstance).',
    refusalWithoutAppeal:
      'A refusal without how to appeal it: state where and within what term it can be appealed.',
    none: 'No remarks',
  },
  summary: {
    title: 'Answer quality',
    from: 'From',
    to: 'To',
    byDepartment: 'By department',
    byCategory: 'By category',
    byExecutor: 'By executor',
    name: 'Who / what',
    asked: 'Asked',
    helped: 'Helped',
    partly: 'Partly',
    notHelped: 'Did not help',
    noAnswer: 'No reply',
    helpedShare: 'Share "helped"',
    returned: 'Returned for rework',
    noData: 'No ratings in the period',
    loadFailed: 'Could not load the summary',
    unknown: 'Not stated',
  },
  verdictEmail: {
    letter:
      'Did the answer to your appeal No. {{number}} help you?\n\nPlease choose one link:\nYes — {{yes}}\nPartly — {{partly}}\nNo — {{no}}\n\nOr simply reply to this letter: «Yes», «Partly» or «No» on the first line, a comment below if you like. The links work until {{until}}.',
    pageTitle: 'Did the answer help?',
    appeal: 'Appeal No. {{number}}',
    question: 'Did the answer to this appeal help you?',
    comment: 'Comment (optional): what the answer lacked',
    send: 'Send',
    chooseValue: 'Choose «Yes», «Partly» or «No».',
    thanks: 'Thank you! Your rating has been recorded.',
    thanksNo: 'Thank you for telling us. A supervisor will look at your appeal again.',
    already: 'Your answer has already been received. Thank you!',
    invalid: 'The link is not valid. Check that it was copied from the letter in full.',
    expired: 'The link has expired. If the answer did not help, please write to us again.',
    tooLong: 'The comment is longer than 2000 characters — please shorten it.',
    tooMany:
      'Too many submissions from your address. Please try again in {{seconds}} s — the link in the letter still works.',
  },
  bell: {
    riseAlert: 'Surge: {{category}} — {{territory}}',
    riseAlertDetail: '{{count}} in 7 days · {{date}}',
    unhelpful: 'The answer did not help',
    unhelpfulDetail: 'Appeal No. {{number}} · {{date}}',
    noNumber: 'no number',
  },
  dashboard: {
    period: 'In the last',
    days30: '30 days',
    days90: '90 days',
    days365: 'year',
    total:
      'The answer helped: {{share}} % of those who answered ({{answered}} of {{asked}} asked); returned for rework: {{returned}}',
    chartTitle: '«Did the answer help?» by department',
    drillLabel: '{{who}}, {{what}}: {{count}} — open the appeals',
  },
  journal: {
    approvalRule: 'Approval of answers: {{department}}, {{regime}}',
  },
} satisfies Translation<typeof ru>;
