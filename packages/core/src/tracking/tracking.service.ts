import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PageView } from '@rapport/events';
import * as z from 'zod/mini';
import { recordId } from '../activity/activity.schema';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { appendEvent, buildEvent } from '../event/event.item';
import { newId } from '../ids';
import { keys } from '../table/keys';
import { transact } from '../table/transact';
import { trackingSecret, verifyTrackingId } from './tracking.id';

/** How long views by a visitor not yet known are kept. */
export const anonymousViewDays = 30;
/** Most earlier views one visitor brings along when they become known. */
const maxAttachedViews = 500;

export const visitorIdSchema = z
  .string()
  .check(
    z.regex(/^vis_[0-9A-HJKMNP-TV-Z]{26}$/, { error: 'Not a visitor id' }),
  );

const webAddress = z.string().check(
  z.maxLength(2048),
  z.refine(
    (value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: 'Not an http(s) address' },
  ),
);

/** A page view as a script or pixel reports it. */
export const pageViewInputSchema = z.strictObject({
  /** The workspace, as the tracking snippet names it. */
  w: recordId,
  url: webAddress,
  title: z.optional(z.string().check(z.trim(), z.maxLength(300))),
  referrer: z.optional(z.union([z.literal(''), webAddress])),
  rid: z.optional(z.string().check(z.maxLength(300))),
  vid: z.optional(visitorIdSchema),
});

export type PageViewInput = z.infer<typeof pageViewInputSchema>;

const utmNames = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
];

/**
 * An address without its query and fragment, which can carry personal data
 * or tokens; only the UTM parameters are kept, apart.
 */
const stripQuery = (address: string) => {
  const url = new URL(address);
  const utm: Record<string, string> = {};
  for (const name of utmNames) {
    const value = url.searchParams.get(name);
    if (value) utm[name] = value.slice(0, 200);
  }

  return { address: `${url.origin}${url.pathname}`, utm };
};

const expiresAt = (at: Date) =>
  Math.floor(at.getTime() / 1000) + anonymousViewDays * 86_400;

const linkedContact = async (workspaceId: string, visitorId: string) => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.visitor(workspaceId, visitorId),
    }),
  );

  return Item?.contactId as string | undefined;
};

const viewedEvent = (workspaceId: string, contactId: string, view: PageView) =>
  buildEvent({
    type: 'page.viewed',
    workspaceId,
    contactId,
    actor: { type: 'system' },
    at: new Date(view.occurredAt),
    data: { pageView: view },
  });

/**
 * Puts a visitor's earlier views on the contact they turned out to be, each
 * moved in one transaction (the anonymous view goes as its event arrives),
 * and remembers the visitor as that contact. Running it twice moves nothing
 * twice. Answers how many views were attached.
 */
export const attachVisitor = async (
  workspaceId: string,
  visitorId: string,
  contactId: string,
  now = new Date(),
): Promise<number> => {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.visitor(workspaceId, visitorId),
        entity: 'Visitor',
        workspaceId,
        contactId,
        knownSince: now.toISOString(),
      },
    }),
  );

  const { pk } = keys.visitor(workspaceId, visitorId);
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      // TTL deletes lag by up to days; an expired view is already gone.
      FilterExpression: 'expiresAt > :now',
      ExpressionAttributeValues: {
        ':pk': pk,
        ':prefix': keys.anonymousViewPrefix,
        ':now': Math.floor(now.getTime() / 1000),
      },
      ScanIndexForward: false,
      Limit: maxAttachedViews,
    }),
  );

  let attached = 0;
  for (const item of Items) {
    const view = item.pageView as PageView;
    try {
      await transact([
        {
          write: {
            Delete: {
              TableName: '',
              Key: { pk: String(item.pk), sk: String(item.sk) },
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
        },
        appendEvent(viewedEvent(workspaceId, contactId, view)),
      ]);
      attached += 1;
    } catch {
      // Moved by a concurrent attach of the same visitor.
    }
  }

  return attached;
};

/** What recording a view did: the visitor id to keep, the contact if known. */
export interface PageViewOutcome {
  visitorId: string;
  contactId: string | null;
}

/**
 * Records a page view. A view by a known contact (a valid signed `rid`, or
 * a visitor already tied to a contact) goes on the contact's timeline as
 * `page.viewed`; any other is kept for the visitor for a bounded time,
 * until a form submit or a signed link makes them known. No IP address is
 * read or kept.
 */
export const recordPageView = async (
  input: PageViewInput,
  now = new Date(),
): Promise<PageViewOutcome> => {
  const workspaceId = input.w;
  await trackingSecret(workspaceId);
  const visitorId = input.vid ?? newId('vis', now.getTime());
  const page = stripQuery(input.url);
  const view: PageView = {
    id: newId('pv', now.getTime()),
    url: page.address,
    title: input.title || null,
    referrer: input.referrer ? stripQuery(input.referrer).address : null,
    utm: page.utm,
    visitorId,
    occurredAt: now.toISOString(),
  };

  const signed = input.rid
    ? await verifyTrackingId(workspaceId, input.rid)
    : undefined;
  const contactId =
    signed ??
    (input.vid ? await linkedContact(workspaceId, input.vid) : undefined);

  if (!contactId) {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.anonymousView(workspaceId, visitorId, view.id),
          entity: 'AnonymousPageView',
          workspaceId,
          pageView: view,
          expiresAt: expiresAt(now),
        },
      }),
    );

    return { visitorId, contactId: null };
  }

  await transact([appendEvent(viewedEvent(workspaceId, contactId, view))]);
  if (
    signed &&
    input.vid &&
    (await linkedContact(workspaceId, input.vid)) !== signed
  ) {
    await attachVisitor(workspaceId, input.vid, signed, now);
  }

  return { visitorId, contactId };
};
