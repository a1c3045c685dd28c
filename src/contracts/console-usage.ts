// Inputs of the console's Usage and Request log pages, shared with the UI that builds its URLs from the same names.
import { z } from 'zod';
import { appId } from './console';

export const USAGE_WINDOWS = [7, 30, 90] as const;

export const usageSummaryInput = z.object({
  app: appId,
  /** Days back from today (UTC), today included. */
  days: z.union([z.literal(7), z.literal(30), z.literal(90)]).default(30),
});

export const STATUS_CLASSES = ['all', '2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export const REQUEST_LOG_PAGE_SIZE = 50;

export const requestLogInput = z.object({
  app: appId,
  status: z.enum(STATUS_CLASSES).default('all'),
  /** A route template exactly as listed (`/v3/workspaces/{workspace_id}/peers`); empty means every route. */
  route: z.string().trim().max(300).optional(),
  /** A credential as listed (`key:<id>`, `jwt:<prefix>` or `none`); empty means every credential. */
  key: z.string().trim().max(200).optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  size: z.number().int().min(1).max(200).default(REQUEST_LOG_PAGE_SIZE),
});
