import type { Permission } from './types';

/**
 * Environment variables that functions read, and the grant that brings each.
 * The CDK app sets them per function; the local runtime sets them once.
 */
export const environmentByPermission: Record<Permission, string[]> = {
  'table:read': ['TABLE_NAME'],
  'table:write': ['TABLE_NAME'],
  'table:stream': [],
  'bus:put': ['EVENT_BUS_NAME', 'EVENT_SOURCE'],
  'ses:send': ['EMAIL_FROM', 'SES_CONFIGURATION_SET'],
  'sequence:start': ['SEQUENCE_STATE_MACHINE_ARN'],
};
