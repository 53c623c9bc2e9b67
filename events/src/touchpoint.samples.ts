import type { DomainEvent } from './catalog';
import { sampleBase as base } from './samples.shared';

const contactId = base.subject.id;
const dealId = 'deal_01JDQ81A0000000000000000DL';

const call = {
  id: 'act_01JDQ8C3000000000000000CAL',
  type: 'call',
  occurredAt: '2026-12-02T14:00:00.000Z',
  contactIds: [contactId],
  dealId,
  ownerId: 'rep_grace',
  subject: 'Discovery call',
  durationMinutes: 25,
  outcome: 'connected',
  body: 'Wants the annual plan for 12 seats; send a quote by Friday.',
  createdAt: '2026-12-02T14:30:00.000Z',
  updatedAt: '2026-12-02T14:30:00.000Z',
  version: 1,
} as const;

const task = {
  id: 'tsk_01JDQ8C4000000000000000TSK',
  title: 'Send the 12-seat quote',
  dueAt: '2026-12-04T17:00:00.000Z',
  ownerId: 'rep_grace',
  contactId,
  dealId,
  status: 'open',
  completedAt: null,
  notes: null,
  createdAt: '2026-12-02T14:31:00.000Z',
  updatedAt: '2026-12-02T14:31:00.000Z',
  version: 1,
} as const;

export const touchpointSamples: {
  [K in
    | 'activity.logged'
    | 'activity.updated'
    | 'activity.deleted'
    | 'task.created'
    | 'task.updated'
    | 'task.completed'
    | 'task.due'
    | 'purchase.completed'
    | 'page.viewed']: DomainEvent<K>;
} = {
  'activity.logged': {
    ...base,
    id: 'evt_01JDQ8C3000000000000000010',
    type: 'activity.logged',
    at: call.occurredAt,
    actor: { type: 'api_key' },
    data: { activity: { ...call, contactIds: [...call.contactIds] } },
  },
  'activity.updated': {
    ...base,
    id: 'evt_01JDQ8C3000000000000000011',
    type: 'activity.updated',
    at: '2026-12-02T15:00:00.000Z',
    actor: { type: 'api_key' },
    data: {
      activity: {
        ...call,
        contactIds: [...call.contactIds],
        durationMinutes: 30,
        updatedAt: '2026-12-02T15:00:00.000Z',
        version: 2,
      },
      changes: { durationMinutes: { from: 25, to: 30 } },
    },
  },
  'activity.deleted': {
    ...base,
    id: 'evt_01JDQ8C3000000000000000012',
    type: 'activity.deleted',
    at: '2026-12-02T16:00:00.000Z',
    actor: { type: 'api_key' },
    data: { activity: { ...call, contactIds: [...call.contactIds] } },
  },
  'task.created': {
    ...base,
    id: 'evt_01JDQ8C4000000000000000013',
    type: 'task.created',
    at: task.createdAt,
    actor: { type: 'api_key' },
    data: { task },
  },
  'task.updated': {
    ...base,
    id: 'evt_01JDQ8C4000000000000000014',
    type: 'task.updated',
    at: '2026-12-03T09:00:00.000Z',
    actor: { type: 'api_key' },
    data: {
      task: {
        ...task,
        dueAt: '2026-12-05T17:00:00.000Z',
        updatedAt: '2026-12-03T09:00:00.000Z',
        version: 2,
      },
      changes: {
        dueAt: { from: task.dueAt, to: '2026-12-05T17:00:00.000Z' },
      },
    },
  },
  'task.completed': {
    ...base,
    id: 'evt_01JDQ8C4000000000000000015',
    type: 'task.completed',
    at: '2026-12-04T11:00:00.000Z',
    actor: { type: 'api_key' },
    data: {
      task: {
        ...task,
        status: 'done',
        completedAt: '2026-12-04T11:00:00.000Z',
        updatedAt: '2026-12-04T11:00:00.000Z',
        version: 2,
      },
    },
  },
  'task.due': {
    ...base,
    id: 'evt_01JDQ8C4000000000000000016',
    type: 'task.due',
    at: task.dueAt,
    actor: { type: 'system' },
    data: { task },
  },
  'purchase.completed': {
    ...base,
    id: 'evt_01JDQ8C5000000000000000017',
    type: 'purchase.completed',
    at: '2026-12-05T10:12:00.000Z',
    actor: { type: 'api_key' },
    data: {
      purchase: {
        id: 'pur_01JDQ8C5000000000000000PUR',
        orderId: 'shop-100234',
        contactId,
        items: [
          {
            name: 'Annual plan, per seat',
            quantity: 12,
            unitAmount: { value: 9900, currency: 'EUR' },
          },
        ],
        amount: { value: 118800, currency: 'EUR' },
        occurredAt: '2026-12-05T10:12:00.000Z',
        createdAt: '2026-12-05T10:12:03.000Z',
      },
      contactCreated: false,
    },
  },
  'page.viewed': {
    ...base,
    id: 'evt_01JDQ8C6000000000000000018',
    type: 'page.viewed',
    at: '2026-12-01T09:27:41.000Z',
    actor: { type: 'system' },
    data: {
      pageView: {
        id: 'pv_01JDQ8C6000000000000000PVW',
        url: 'https://landing.example/pricing',
        title: 'Pricing',
        referrer: 'https://www.search.example/',
        utm: { utm_source: 'newsletter', utm_campaign: 'winter' },
        visitorId: 'vis_01JDQ8C60000000000000000VS',
        occurredAt: '2026-12-01T09:27:41.000Z',
      },
    },
  },
};
