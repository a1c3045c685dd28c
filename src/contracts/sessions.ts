// Wire schemas and routes of sessions (api-contract §3).
import type { RouteContract } from './route-contract';

export const sessionsRoutes: readonly RouteContract[] = [];
