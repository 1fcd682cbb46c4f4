/**
 * «Написать лично» (issue 13, server/src/channels/comments-invitation.ts): the author of a comment
 * under the community's post gets a private invitation; the server answers the message it wrote.
 */
import type { ApiResult, AppealApi } from './client';

export interface CommentInvitation {
  readonly messageId: string;
}

export function commentsApi(api: AppealApi) {
  return {
    /** `text` null: the server's standard invitation (Russian, as the organisation writes). */
    async invite(appealId: string, text: string | null): Promise<ApiResult<CommentInvitation>> {
      const result = await api.call(
        'POST',
        `/api/v1/appeals/${encodeURIComponent(appealId)}/comment-invitation`,
        text === null ? {} : { text },
      );
      if (!result.ok) return result;
      const value = result.value as { messageId?: unknown } | null;
      return typeof value?.messageId === 'string'
        ? { ok: true, value: { messageId: value.messageId } }
        : { ok: false, error: { kind: 'server', status: 200 } };
    },
  };
}
