export * from './catalog';
export * from './contact';
export * from './deal';
export * from './envelope';
export * from './money';
export { eventSamples } from './samples';
export * from './touchpoint';
