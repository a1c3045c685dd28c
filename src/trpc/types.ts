// Types of the console API for UI code (type-only: nothing from the server reaches the browser bundle).
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/app-router';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type AppSummary = RouterOutputs['apps']['list'][number];
export type ApiKeySummary = RouterOutputs['keys']['list'][number];
export type AuditEntry = RouterOutputs['audit']['list']['items'][number];
export type Me = RouterOutputs['account']['me'];
export type OrganizationMembers = RouterOutputs['members']['list'];
export type MemberEntry = OrganizationMembers['members'][number];
export type PendingInvitation = OrganizationMembers['invitations'][number];
export type InvitationPreview = RouterOutputs['invitations']['preview'];
