export { FakeLlm, readJson, sampleOf, type FakeLlmRequest, type FakeReply } from './fake-llm.js';
export { slowClientRound } from './slow-clients.js';
