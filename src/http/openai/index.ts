export { writeCompletionChunks } from './chunk-stream.js';
export { toCompletion } from './completion.js';
export { openAiErrorBody } from './error-body.js';
export { deskModels } from './models.js';
export { CONVERSATION_HEADER, CUSTOMER_HEADER, toQueryInput } from './request.js';
export {
  ChatCompletion,
  ChatCompletionRequest,
  Model,
  ModelList,
  ModelParam,
  OpenAiErrorBody,
} from './wire.js';
