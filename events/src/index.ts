export * from './catalog';
export * from './contact';
export * from './deal';
export * from './envelope';
export { eventSamples } from './samples';
