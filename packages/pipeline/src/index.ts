export { type DagProblem, describeDagProblem, findDagProblems } from './dag.ts';
export { OutputRejectedError, PipelineError, type PipelineErrorCode } from './errors.ts';
export { normalizeHeading, parseSections } from './markdown.ts';
export {
  defaultPriceTable,
  type ProviderConfig,
  type ProviderConfigInput,
  providerConfigSchema,
} from './provider/config.ts';
export { estimateCostUsd, type PriceTable, priceTableSchema } from './provider/cost.ts';
export { createProvider } from './provider/create.ts';
export { createOfflineProvider, offlineModel, offlineProviderName } from './provider/offline.ts';
export { createOpenAIProvider, type OpenAIProviderConfig } from './provider/openai.ts';
export type {
  AttemptRecord,
  Provider,
  RequestMeta,
  RunOptions,
  StepResult,
} from './provider/types.ts';
export type {
  ChatMessage,
  MarkdownStep,
  PipelineStep,
  StepInput,
  StepOutput,
  StructuredStep,
} from './step.ts';
export * from './steps/breakdown.ts';
export { type StepName, steps } from './steps/index.ts';
export * from './steps/prd.ts';
export * from './steps/review.ts';
export * from './steps/suggest.ts';
export * from './steps/tasks.ts';
export * from './steps/tech.ts';
export * from './templates.ts';
