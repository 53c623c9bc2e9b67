import { Liquid } from 'liquidjs';

/**
 * Merge fields use Liquid (`{{ contact.firstName | default: "there" }}`).
 * HTML bodies escape every output; subjects and text bodies do not, since
 * they are not HTML. Unknown filters are refused when a sequence is saved.
 */
const options = { strictFilters: true, cache: 200 } as const;
const textEngine = /* @__PURE__ */ new Liquid(options);
const htmlEngine = /* @__PURE__ */ new Liquid({
  ...options,
  outputEscape: 'escape',
});

export type TemplateKind = 'text' | 'html';

const engine = (kind: TemplateKind) =>
  kind === 'html' ? htmlEngine : textEngine;

/** Answers the syntax error of a template, or undefined when it parses. */
export const templateError = (
  source: string,
  kind: TemplateKind,
): string | undefined => {
  try {
    engine(kind).parse(source);

    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
};

export const renderTemplate = (
  source: string,
  kind: TemplateKind,
  scope: Record<string, unknown>,
): Promise<string> => engine(kind).parseAndRender(source, scope);
