export { FakeLlm, readJson, sampleOf, type FakeLlmRequest, type FakeReply } from './fake-llm.js';
export { toolScript, type ToolScriptOptions } from './fake-tool-script.js';
export { slowClientRound } from './slow-clients.js';
