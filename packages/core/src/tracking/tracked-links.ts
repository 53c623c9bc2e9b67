import { Parser } from 'htmlparser2';

const webLink = /^https?:\/\//i;

/**
 * An http(s) address with `rid=<rid>` in its query, the rest kept as
 * written: the existing query stays byte for byte (a `URLSearchParams`
 * round trip would re-encode it), a `rid` already there is replaced, and
 * the fragment stays last. Any other address (mailto:, tel:, relative) is
 * answered unchanged.
 */
export const withRid = (address: string, rid: string): string => {
  const href = address.trim();
  if (!webLink.test(href)) return address;

  const hashAt = href.indexOf('#');
  const fragment = hashAt === -1 ? '' : href.slice(hashAt);
  const beforeHash = hashAt === -1 ? href : href.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const params =
    queryAt === -1
      ? []
      : beforeHash
          .slice(queryAt + 1)
          .split('&')
          .filter((param) => param !== '' && !/^rid(=|$)/.test(param));
  params.push(`rid=${encodeURIComponent(rid)}`);

  return `${base}?${params.join('&')}${fragment}`;
};

const escapeAttribute = (value: string, quote: string) =>
  value
    .replaceAll('&', '&amp;')
    .replaceAll(quote, quote === '"' ? '&quot;' : '&#39;');

/**
 * An HTML body whose `<a href>` http(s) links carry the contact's signed
 * tracking identifier, so that a page-view tracker on the linked site knows
 * the visitor. htmlparser2 finds each attribute's exact place (comments,
 * scripts and attribute values that merely look like tags are not
 * links); only those attributes are rewritten, and the rest of the HTML is
 * kept as it was written.
 */
export const withRidInLinks = (html: string, rid: string): string => {
  const edits: { start: number; end: number; text: string }[] = [];
  let tag = '';
  const parser: Parser = new Parser(
    {
      onopentagname: (name) => {
        tag = name;
      },
      onattribute: (name, value, quote) => {
        if (tag !== 'a' || name !== 'href') return;
        const rewritten = withRid(value, rid);
        if (rewritten === value) return;
        const q = quote === "'" ? "'" : '"';
        edits.push({
          start: parser.startIndex,
          end: parser.endIndex,
          text: `href=${q}${escapeAttribute(rewritten, q)}${q}`,
        });
      },
    },
    {
      decodeEntities: true,
      lowerCaseTags: true,
      lowerCaseAttributeNames: true,
    },
  );
  parser.end(html);

  let result = '';
  let at = 0;
  for (const edit of edits) {
    result += html.slice(at, edit.start) + edit.text;
    at = edit.end;
  }

  return result + html.slice(at);
};
