/** Local fakes of the networks Okno's channel connectors talk to; see README.md in this folder. */

export { ContractsMissingError, contractsRoot, EventContractError } from './common/contracts';
export type { ApiCall, ContractViolation, InjectedError } from './common/ledger';
export { startRecordingReceiver } from './common/receiver';
export type { DeliveryOptions, DeliveryReport, WebhookReply } from './common/webhook';
export * from './max/events';
export { type MaxFake, type MaxSentMessage, startMaxFake } from './max/server';
export { MAX_RETRY_DELAYS_MS, MAX_SECRET_HEADER, MaxWebhookDriver } from './max/webhook';
export * from './ok/events';
export { OkRestFake, startOkRestFake } from './ok/rest';
export { type OkFake, type OkSentMessage, startOkFake } from './ok/server';
export { OkWebhookDriver } from './ok/webhook';
export type { TgDiscussion } from './telegram/discussion';
export * from './telegram/events';
export { startTelegramFake, type TelegramFake, type TelegramSentMessage } from './telegram/server';
export { TELEGRAM_SECRET_HEADER, TelegramWebhookDriver } from './telegram/webhook';
export * from './vk/events';
export { startVkFake, type VkFake, type VkProfile, type VkSentMessage } from './vk/server';
export {
  type VkWallComment,
  type VkWallReply,
  vkWallReplyDelete,
  vkWallReplyEdit,
  vkWallReplyNew,
  vkWallReplyRestore,
} from './vk/wall';
export { VkCallbackDriver } from './vk/webhook';
