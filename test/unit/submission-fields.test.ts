import {
  type DomainError,
  type FormFields,
  mapSubmission,
} from '@rapport/core';
import { describe, expect, it } from 'vitest';

describe('mapping posted fields onto a contact', () => {
  it.each<{ title: string; posted: FormFields; expected: unknown }>([
    {
      title: 'maps snake_case names',
      posted: {
        email: 'a@example.com',
        first_name: 'Ada',
        last_name: 'Lovelace',
      },
      expected: {
        email: 'a@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        customFields: {},
      },
    },
    {
      title: 'maps camelCase and short names',
      posted: {
        Email: 'a@example.com',
        fname: 'Ada',
        tel: '+44 20 7946 0958',
        organization: 'AE',
      },
      expected: {
        email: 'a@example.com',
        firstName: 'Ada',
        phone: '+44 20 7946 0958',
        company: 'AE',
        customFields: {},
      },
    },
    {
      title: 'splits a full name',
      posted: { email: 'a@example.com', name: 'Ada King Lovelace' },
      expected: {
        email: 'a@example.com',
        firstName: 'Ada',
        lastName: 'King Lovelace',
        customFields: {},
      },
    },
    {
      title: 'keeps unknown fields as custom fields with safe keys',
      posted: {
        email: 'a@example.com',
        'favorite color': 'green',
        '2nd choice': 'blue',
        topics: ['a', 'b'],
      },
      expected: {
        email: 'a@example.com',
        customFields: {
          favorite_color: 'green',
          f_2nd_choice: 'blue',
          topics: ['a', 'b'],
        },
      },
    },
    {
      title: 'drops control fields and treats empty text as not given',
      posted: { email: ' a@example.com ', _redirect: 'x', first_name: '  ' },
      expected: { email: 'a@example.com', customFields: {} },
    },
  ])('$title', ({ posted, expected }) => {
    expect(mapSubmission(posted)).toEqual(expected);
  });

  it.each<{ title: string; posted: FormFields; path: string }>([
    { title: 'a missing email', posted: { first_name: 'Ada' }, path: 'email' },
    { title: 'an invalid email', posted: { email: 'ada@' }, path: 'email' },
    {
      title: 'a first name over 100 characters',
      posted: { email: 'a@example.com', first_name: 'x'.repeat(101) },
      path: 'firstName',
    },
    {
      title: 'a custom value over 2,000 characters',
      posted: { email: 'a@example.com', bio: 'x'.repeat(2001) },
      path: 'customFields.bio',
    },
  ])('refuses $title, naming the field', ({ posted, path }) => {
    try {
      mapSubmission(posted);
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).status).toBe(400);
      expect((error as DomainError).details.map((d) => d.path)).toContain(path);
    }
  });
});
