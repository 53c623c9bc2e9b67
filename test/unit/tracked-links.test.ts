import { pipelineChanges, withRid, withRidInLinks } from '@rapport/core';
import { describe, expect, it } from 'vitest';

const rid = 'ws_01J.ct_01J.Ab-_9z';

describe('adding the tracking id to an address', () => {
  it.each([
    ['https://shop.example/pricing', `https://shop.example/pricing?rid=${rid}`],
    ['http://shop.example', `http://shop.example?rid=${rid}`],
    ['HTTPS://Shop.example/a', `HTTPS://Shop.example/a?rid=${rid}`],
    [
      'https://shop.example/p?utm_source=mail&x=a%20b+c',
      `https://shop.example/p?utm_source=mail&x=a%20b+c&rid=${rid}`,
    ],
    [
      'https://shop.example/p?x=1#plans',
      `https://shop.example/p?x=1&rid=${rid}#plans`,
    ],
    ['https://shop.example/p#a?b', `https://shop.example/p?rid=${rid}#a?b`],
    ['https://shop.example/p?', `https://shop.example/p?rid=${rid}`],
    [
      'https://shop.example/p?rid=forged&x=1',
      `https://shop.example/p?x=1&rid=${rid}`,
    ],
    ['  https://shop.example/  ', `https://shop.example/?rid=${rid}`],
    [
      'mailto:sales@shop.example?subject=Hi',
      'mailto:sales@shop.example?subject=Hi',
    ],
    ['tel:+441234567', 'tel:+441234567'],
    ['javascript:alert(1)', 'javascript:alert(1)'],
    ['/pricing', '/pricing'],
    ['pricing?x=1', 'pricing?x=1'],
    ['//shop.example/p', '//shop.example/p'],
    ['#top', '#top'],
    ['', ''],
  ])('turns %j into %j', (address, expected) => {
    expect(withRid(address, rid)).toBe(expected);
  });
});

describe('adding the tracking id to the links of an HTML body', () => {
  it.each([
    [
      'a double-quoted link',
      '<p><a href="https://shop.example/">Shop</a></p>',
      `<p><a href="https://shop.example/?rid=${rid}">Shop</a></p>`,
    ],
    [
      'a single-quoted link',
      "<a href='https://shop.example/'>Shop</a>",
      `<a href='https://shop.example/?rid=${rid}'>Shop</a>`,
    ],
    [
      'an unquoted link, given quotes',
      '<a href=https://shop.example/p class=cta>Go</a>',
      `<a href="https://shop.example/p?rid=${rid}" class=cta>Go</a>`,
    ],
    [
      'an escaped ampersand in the query, kept escaped',
      '<a href="https://shop.example/?a=1&amp;b=2#f">x</a>',
      `<a href="https://shop.example/?a=1&amp;b=2&amp;rid=${rid}#f">x</a>`,
    ],
    [
      'an apostrophe in a single-quoted link, escaped',
      "<a href='https://shop.example/?q=it&#39;s'>x</a>",
      `<a href='https://shop.example/?q=it&#39;s&amp;rid=${rid}'>x</a>`,
    ],
    [
      'a double quote in a double-quoted link, escaped',
      '<a href="https://shop.example/?q=&quot;x&quot;">x</a>',
      `<a href="https://shop.example/?q=&quot;x&quot;&amp;rid=${rid}">x</a>`,
    ],
    [
      'upper-case tags and attributes, spaces around =',
      '<A TITLE="t" HREF = "https://shop.example/">x</A>',
      `<A TITLE="t" href="https://shop.example/?rid=${rid}">x</A>`,
    ],
    [
      'mailto, tel and relative links, left alone',
      '<a href="mailto:a@shop.example">m</a><a href="tel:+1">t</a><a href="/p">r</a>',
      '<a href="mailto:a@shop.example">m</a><a href="tel:+1">t</a><a href="/p">r</a>',
    ],
    [
      'href on other tags, left alone',
      '<link href="https://cdn.example/a.css"><area href="https://shop.example/">',
      '<link href="https://cdn.example/a.css"><area href="https://shop.example/">',
    ],
    [
      'a link inside a comment or another attribute, left alone',
      '<!-- <a href="https://old.example/"> --><img alt=\'<a href="https://x.example/">\'>',
      '<!-- <a href="https://old.example/"> --><img alt=\'<a href="https://x.example/">\'>',
    ],
    [
      'a link-like string in a script, left alone',
      '<script>var s = \'<a href="https://x.example/">\';</script>',
      '<script>var s = \'<a href="https://x.example/">\';</script>',
    ],
    ['an href without a value, left alone', '<a href>x</a>', '<a href>x</a>'],
    [
      'several links, each rewritten',
      '<a href="https://a.example/">a</a> and <a href="https://b.example/?x=1">b</a>',
      `<a href="https://a.example/?rid=${rid}">a</a> and <a href="https://b.example/?x=1&amp;rid=${rid}">b</a>`,
    ],
  ])('rewrites %s', (_title, html, expected) => {
    expect(withRidInLinks(html, rid)).toBe(expected);
  });
});

describe('pipeline changes', () => {
  const stage = (id: string, name = id, probability = 10) => ({
    id,
    name,
    probability,
    stalledAfterDays: null,
  });
  const pipeline = (stages: ReturnType<typeof stage>[]) => ({
    id: 'pl_1',
    name: 'P',
    stages,
    isDefault: false,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    version: 1,
  });

  it.each([
    ['adding a stage', ['a', 'b'], ['a', 'n', 'b'], null],
    ['deleting a stage', ['a', 'b', 'c'], ['a', 'c'], null],
    [
      'swapping two stages',
      ['a', 'b'],
      ['b', 'a'],
      [
        ['a', 'b'],
        ['b', 'a'],
      ],
    ],
    [
      'deleting one stage and moving another',
      ['a', 'b', 'c'],
      ['c', 'a'],
      [
        ['a', 'b', 'c'],
        ['c', 'a'],
      ],
    ],
  ])(
    'reports reordering only when kept stages change order: %s',
    (_t, from, to, expected) => {
      const changes = pipelineChanges(
        pipeline(from.map((id) => stage(id))),
        pipeline(to.map((id) => stage(id))),
        {},
      );

      expect(
        changes.stagesReordered && [
          changes.stagesReordered.from,
          changes.stagesReordered.to,
        ],
      ).toEqual(expected);
    },
  );
});
