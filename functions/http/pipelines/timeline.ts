import { timelineHandler } from '@rapport/core';

export const handler = timelineHandler('pipeline');
