import { Liquid, type LiquidOptions } from 'liquidjs';

/**
 * Merge fields use Liquid (`{{ contact.firstName | default: "there" }}`).
 * HTML bodies escape every output; subjects and text bodies do not, since
 * they are not HTML. Unknown filters are refused when a sequence is saved.
 * Templates are data from API clients, so they may not read files, and a
 * render is bounded in time and memory.
 */
const options: LiquidOptions = {
  strictFilters: true,
  cache: 200,
  // No template may be read from disk, here or in a deployed function.
  root: [],
  partials: [],
  layouts: [],
  relativeReference: false,
  parseLimit: 500_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
};

/** Tags that read other templates, which would mean reading files. */
const fileTags = ['include', 'render', 'layout'];

const makeEngine = (outputEscape?: 'escape') => {
  const engine = new Liquid({
    ...options,
    ...(outputEscape ? { outputEscape } : {}),
  });
  for (const name of fileTags) {
    engine.registerTag(name, {
      parse() {
        throw new Error(
          `The ${name} tag is not available: templates cannot read other files`,
        );
      },
      *render() {},
    });
  }

  return engine;
};

const textEngine = /* @__PURE__ */ makeEngine();
const htmlEngine = /* @__PURE__ */ makeEngine('escape');

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
