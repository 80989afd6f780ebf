export { rememberedSlots } from './action-facts.js';
export type { ToolCallReply } from './tool-loop.js';
export { composeHandover } from './answer-composer.js';
export { BUILT_IN_BEHAVIOURS } from './behaviour-refs.js';
export { BUILT_IN_TEXTS } from './conversation-texts.js';
export { scoreCues } from './cues.js';
export { TicketRequest } from './escalation-messages.js';
export { EscalationReason, dueBy } from './escalation-policy.js';
export { priorityFor } from './priority.js';
export { UNSURE_BELOW } from './routing-plan.js';
export { RouterConfig } from './router.js';
export { type RouteContext, type RouteOutcome, type RouteRequested } from './router-messages.js';
export { DESK_SHARED_KEY, INSTANCES_SHARED_KEY, MODEL_SHARED_KEY } from './shared-keys.js';
export { deskProfile } from './desk-knowledge.js';
export { knowledgeBaseFor } from './knowledge-cache.js';
export {
  MAX_TOOL_CALLS_DEFAULT,
  SpecialistConfig,
  specialistBehaviour,
  type SpecialistState,
} from './specialist.js';
export {
  AnswerReply,
  AnswerRequested,
  ConsultReply,
  ConsultRequested,
  SpecialistMessage,
} from './specialist-messages.js';
export { tokenChunks } from './token-chunks.js';
