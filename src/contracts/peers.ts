// Wire schemas and routes of peers (api-contract §3).
import type { RouteContract } from './route-contract';

export const peersRoutes: readonly RouteContract[] = [];
