// Wire schemas and routes of workspaces (api-contract §3).
import type { RouteContract } from './route-contract';

export const workspacesRoutes: readonly RouteContract[] = [];
