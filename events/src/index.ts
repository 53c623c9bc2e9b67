export * from './catalog';
export * from './contact';
export * from './envelope';
export { eventSamples } from './samples';
export * from './touchpoint';
