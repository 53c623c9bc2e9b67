import type { Area } from './area';
import { contacts } from './areas/contacts';
import { context } from './areas/context';
import { deals } from './areas/deals';
import { forms } from './areas/forms';
import { platform } from './areas/platform';
import { scoring } from './areas/scoring';
import { sequences } from './areas/sequences';
import { touchpoints } from './areas/touchpoints';
import type { Blueprint } from './types';

export type { Area } from './area';
export { environmentByPermission } from './environment';
export type * from './types';

/** Every area of the product; a new area is one import and one entry. */
const areas = {
  platform,
  contacts,
  context,
  forms,
  sequences,
  deals,
  touchpoints,
  scoring,
};

type AreaFunctions<A> = A extends Area<infer F> ? F : never;
export type FunctionName = AreaFunctions<(typeof areas)[keyof typeof areas]>;

const all = Object.values(areas) as Area<FunctionName>[];

/** Rapport, declared once. */
export const blueprint: Blueprint<FunctionName> = {
  functions: Object.assign({}, ...all.map((area) => area.functions)),
  table: {
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
      // Sparse: only open deals that will stall have gsi2 keys.
      { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    ],
    stream: 'NEW_AND_OLD_IMAGES',
    timeToLiveAttribute: 'expiresAt',
  },
  routes: all.flatMap((area) => area.routes ?? []),
  streamConsumers: all.flatMap((area) => area.streamConsumers ?? []),
  bus: { source: 'rapport' },
  rules: all.flatMap((area) => area.rules ?? []),
  stateMachines: all.flatMap((area) => area.stateMachines ?? []),
  schedules: all.flatMap((area) => area.schedules ?? []),
};
