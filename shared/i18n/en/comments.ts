// Namespace "comments" (English): an appeal that came from a comment under the community's post
// (issue 13) — the link to the post and «Написать лично» (write privately).
export default {
  panel: {
    title: 'Comment under a post',
    network: 'Network: {{network}}',
    post: 'Post {{post}}, comment {{comment}}',
    link: 'Link to the comment',
    noLink: 'The network gives no link to this comment',
    copy: 'Copy link',
    copied: 'Link copied',
    publicHint:
      'An answer written below and sent to the channel is published under the comment in the community’s name, for everyone to see. Write personal details only privately.',
    private: 'Write privately',
    offline: 'Writing privately needs a connection to the server',
  },
  invitation: {
    title: 'Write to the author privately',
    intro:
      'The author of the comment gets a private message from the community inviting them to continue there. Their reply joins this appeal. If the author never allowed the community’s messages (or never started the bot), the message cannot be delivered.',
    text: 'Your own text (optional)',
    textHelp: 'Leave empty to send the standard invitation',
    send: 'Send',
    cancel: 'Cancel',
    sent: 'The invitation was sent to the comment’s author',
    failed: 'The invitation could not be sent',
    notAComment: 'The appeal did not come from a comment',
    noPrivateChat: 'This network has no private messages with the author',
  },
  channel: {
    restTitle: 'Comments under the group’s topics (OK REST API)',
    restHint:
      'OK’s Bot API does not report comments: Okno reads them through the OK application’s REST API. An empty field keeps the stored value.',
    applicationKey: 'Application public key (application_key)',
    applicationSecretKey: 'Application secret key',
    accessToken: 'Group access token (access_token)',
    keep: 'Set — leave empty to keep it',
    missing: 'Not set',
    error: 'OK comments are not being read: {{error}}',
    polledAt: 'OK comments read at {{at}}',
  },
};
