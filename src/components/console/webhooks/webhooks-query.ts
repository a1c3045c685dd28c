// The webhooks page's delivery-log input, shared by server prefetch and the client screen (same query key).
import { CONSOLE_PAGE_SIZE } from '@/contracts/console-data';

export function deliveriesInput(app: string, page: number) {
  return { app, page, size: CONSOLE_PAGE_SIZE };
}
