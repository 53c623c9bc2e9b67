import type { FunctionName, RouteSpec } from '@rapport/blueprint';

export interface MatchedRoute {
  routeKey: string;
  function: FunctionName;
  pathParameters?: Record<string, string>;
}

interface CompiledRoute {
  route: RouteSpec<FunctionName>;
  method: string;
  pattern: RegExp;
  names: string[];
  literalSegments: number;
}

const compile = (route: RouteSpec<FunctionName>): CompiledRoute | undefined => {
  if (route.routeKey === '$default') return undefined;
  const [method = '', path = ''] = route.routeKey.split(' ');
  const names: string[] = [];
  const segments = path.split('/').filter(Boolean);
  const source = segments
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy?.[1]) {
        names.push(greedy[1]);
        return '/(.+)';
      }
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1]) {
        names.push(param[1]);
        return '/([^/]+)';
      }
      return `/${segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}`;
    })
    .join('');

  return {
    route,
    method,
    pattern: new RegExp(`^${source || '/'}$`),
    names,
    literalSegments: segments.filter((s) => !s.startsWith('{')).length,
  };
};

/**
 * Whether every percent-escape in the path decodes to UTF-8; API Gateway
 * answers any other path with 400 before routing it.
 */
export const isWellFormedPath = (path: string): boolean => {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
};

/**
 * Chooses a route as API Gateway HTTP APIs do: the method must match, the
 * most specific path wins, and `$default` takes whatever nothing else does.
 */
export const routeMatcher = (routes: RouteSpec<FunctionName>[]) => {
  const compiled = routes
    .map(compile)
    .filter((route): route is CompiledRoute => route !== undefined)
    .sort((a, b) => b.literalSegments - a.literalSegments);
  const fallback = routes.find((route) => route.routeKey === '$default');

  return (method: string, path: string): MatchedRoute | undefined => {
    if (!isWellFormedPath(path)) return undefined;
    for (const candidate of compiled) {
      if (candidate.method !== method && candidate.method !== 'ANY') continue;
      const match = candidate.pattern.exec(path);
      if (!match) continue;
      const pathParameters = Object.fromEntries(
        candidate.names.map((name, index) => [
          name,
          decodeURIComponent(match[index + 1] ?? ''),
        ]),
      );

      return {
        routeKey: candidate.route.routeKey,
        function: candidate.route.function,
        ...(candidate.names.length > 0 ? { pathParameters } : {}),
      };
    }

    return fallback
      ? { routeKey: '$default', function: fallback.function }
      : undefined;
  };
};
