export * from './catalog';
export * from './contact';
export * from './envelope';
export * from './touchpoint';
export { eventSamples } from './samples';
