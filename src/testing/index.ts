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
export { toolScript, type ToolScriptOptions } from './fake-tool-script.js';
export {
  slowClientRound,
  type SlowClientMix,
  type SlowClientOptions,
  type SlowClientRound,
} from './slow-clients.js';
