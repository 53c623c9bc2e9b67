import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { DomainError } from '../errors';
import type { Page } from '../table/cursor';
import { queryIdPage } from '../table/id-page';
import { fromItem } from '../table/item';
import { keys } from '../table/keys';
import type { TransactionStep } from '../table/transact';
import { type Contact, contactSchema, normalizeEmail } from './contact.schema';

/** The stored form of a contact: the contact plus its table attributes. */
export const contactItem = (workspaceId: string, contact: Contact) => ({
  ...keys.contact(workspaceId, contact.id),
  ...keys.contactListing(workspaceId, contact.id),
  entity: 'Contact',
  workspaceId,
  emailNormalized: normalizeEmail(contact.email),
  ...contact,
});

export const contactFromItem = (item: Record<string, unknown>): Contact =>
  fromItem(contactSchema, item);

export const emailTaken = (existing: Record<string, unknown> | undefined) =>
  new DomainError(
    409,
    'contact.email_taken',
    'A contact with this email already exists.',
    [{ path: 'email', message: 'Already used by another contact' }],
    { contactId: existing?.contactId },
  );

/** Claims an address for a contact; fails when another contact holds it. */
export const claimEmail = (
  workspaceId: string,
  email: string,
  contactId: string,
): TransactionStep => ({
  write: {
    Put: {
      TableName: '',
      Item: {
        ...keys.email(workspaceId, normalizeEmail(email)),
        entity: 'EmailGuard',
        workspaceId,
        contactId,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  onConditionFailed: emailTaken,
});

export const releaseEmail = (
  workspaceId: string,
  email: string,
  contactId: string,
): TransactionStep => ({
  write: {
    Delete: {
      TableName: '',
      Key: keys.email(workspaceId, normalizeEmail(email)),
      ConditionExpression: 'contactId = :contactId',
      ExpressionAttributeValues: { ':contactId': contactId },
    },
  },
});

export const readContact = async (
  workspaceId: string,
  contactId: string,
): Promise<Contact | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.contact(workspaceId, contactId),
      ConsistentRead: true,
    }),
  );

  return Item ? contactFromItem(Item) : undefined;
};

/** Finds the contact that holds an address, through its uniqueness guard. */
export const readContactByEmail = async (
  workspaceId: string,
  email: string,
): Promise<Contact | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.email(workspaceId, normalizeEmail(email)),
      ConsistentRead: true,
    }),
  );

  return Item ? readContact(workspaceId, String(Item.contactId)) : undefined;
};

/** A page of contacts in creation order, from the listing index. */
export const queryContacts = (
  workspaceId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Contact>> =>
  queryIdPage({
    scope: 'contacts',
    index: 'gsi1',
    partition: ['gsi1pk', keys.contactListing(workspaceId, '').gsi1pk],
    startKey: (id) => ({
      ...keys.contactListing(workspaceId, id),
      ...keys.contact(workspaceId, id),
    }),
    parse: contactFromItem,
    limit,
    cursor,
  });
