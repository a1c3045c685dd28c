// Wire schemas and routes of messages (api-contract §3).
import type { RouteContract } from './route-contract';

export const messagesRoutes: readonly RouteContract[] = [];
