export {
  FakeLlm,
  readJson,
  sampleOf,
  type FakeHandler,
  type FakeLlmCall,
  type FakeLlmOptions,
  type FakeLlmRequest,
  type FakeReply,
} from './fake-llm.js';
