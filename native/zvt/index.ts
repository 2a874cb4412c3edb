/** ZVT (ECR interface of card payment terminals, ZVT 13.x): the till's driver and a simulated terminal. */
export { ZvtEcr, ZvtLinkError, ZvtTimeoutError, type ZvtCompletion, type ZvtEcrOptions, type ZvtOutcome, type ZvtPrompt, type ZvtReceipt } from './ecr.js';
export {
  ZvtSimulator,
  type ZvtSimAuthorization,
  type ZvtSimScript,
  type ZvtSimTransaction,
  type ZvtSimulatorOptions,
} from './simulator.js';
export { describeResult, describeStatus, describeTerminalStatus, RESULT_CODES, type CodeText, type PromptKey } from './codes.js';
export { DEFAULT_ZVT_TCP_PORT, type LineStats } from './transport.js';
export { crc16kermit } from './crc.js';
