export * from './catalog';
export * from './contact';
export * from './deal';
export * from './envelope';
export * from './money';
export * from './pipeline';
export type { PipelineChanges } from './pipeline.events';
export { eventSamples } from './samples';
export * from './touchpoint';
