import 'server-only';
// Page arithmetic of docs/api.md#s1-7: `pages = ceil(total/size)` (0 when empty), `page`/`size` echo what was used,
// a page past the end is an empty 200.
import type { Page } from '@/contracts/common';

export type PageRequest = { page: number; size: number; reverse: boolean };

export function pageRequest(query: { page?: number; size?: number; reverse?: boolean } | undefined, defaultSize = 50): PageRequest {
  return { page: query?.page ?? 1, size: query?.size ?? defaultSize, reverse: query?.reverse ?? false };
}

export function pageWindow(request: PageRequest): { limit: number; offset: number } {
  return { limit: request.size, offset: (request.page - 1) * request.size };
}

export function toPage<T>(items: T[], total: number, request: PageRequest): Page<T> {
  return { items, total, page: request.page, size: request.size, pages: total === 0 ? 0 : Math.ceil(total / request.size) };
}
