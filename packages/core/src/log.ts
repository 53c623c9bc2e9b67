import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One JSON line per entry with fixed keys. Handlers append the workspace and
 * record ids per request and remove them after, so an operator can find
 * everything that happened to one contact with one query.
 */
export const logger = new Logger({ serviceName: 'rapport' });
