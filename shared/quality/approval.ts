/**
 * The delivery reasons (`deliveryError`, i18n keys of namespace `quality`) of an answer under a head's
 * approval (issue 14, server/src/quality/approval.ts): held `pending` until approved, or `failed`
 * once the head returned it for rework with a comment on the appeal.
 */
export const awaitingApproval = 'quality:approval.awaiting';
export const returnedForRework = 'quality:approval.returned';
