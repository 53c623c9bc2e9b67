import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '../errors';

/**
 * The version a client saw, from `If-Match` (`"3"`, `W/"3"` or `3`) or the
 * body's `version`. When both are sent they must agree.
 */
export const seenVersion = (
  event: APIGatewayProxyEventV2,
  bodyVersion: number | undefined,
): number | undefined => {
  const header = event.headers['if-match'];
  let fromHeader: number | undefined;

  if (header !== undefined) {
    const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
    if (!match) {
      throw new DomainError(
        400,
        'request.invalid_if_match',
        'If-Match must be a contact version such as "3".',
        [{ path: 'if-match', message: 'Expected a version number' }],
      );
    }
    fromHeader = Number(match[1]);
  }
  if (
    fromHeader !== undefined &&
    bodyVersion !== undefined &&
    fromHeader !== bodyVersion
  ) {
    throw new DomainError(
      400,
      'request.version_mismatch',
      'If-Match and the body name different versions.',
      [{ path: 'version', message: 'Must equal If-Match' }],
    );
  }

  return fromHeader ?? bodyVersion;
};

export const requireVersion = (version: number | undefined): number => {
  if (version === undefined) {
    throw new DomainError(
      428,
      'request.version_required',
      'Send the version you read, as If-Match or as "version" in the body, so that no concurrent update is lost.',
      [{ path: 'version', message: 'Required' }],
    );
  }

  return version;
};

export const etag = (version: number) => ({ etag: `"${version}"` });
