import 'server-only';
// The credential check every /v3 route runs before its handler (api-contract §4). This is the hook the auth work fills
// in: today Rapport runs with API auth disabled, where §4.1 treats every request as admin and ignores any
// Authorization header.
import type { RouteContract } from '@/contracts/route-contract';

export type Credential =
  | { kind: 'admin'; authDisabled: boolean }
  | { kind: 'workspace'; workspace: string }
  | { kind: 'peer'; workspace: string; peer: string }
  | { kind: 'session'; workspace: string; session: string };

export async function authorizeRequest(
  _request: Request,
  _contract: RouteContract,
  _params: Record<string, string>,
): Promise<Credential> {
  return { kind: 'admin', authDisabled: true };
}
