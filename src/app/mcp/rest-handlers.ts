// The /v3 route handlers the MCP tools call, keyed by route contract id. They are the exports of the route files
// themselves, so a tool call runs exactly what the REST request would (a test checks each entry against the route
// file that serves its contract's path and method).
import 'server-only';

import { peerChatRoute, workspaceChatRoute } from '@/contracts/chat';
import { createConclusionsRoute, deleteConclusionRoute, listConclusionsRoute } from '@/contracts/conclusions';
import { getSessionContextRoute, getSessionSummariesRoute } from '@/contracts/context';
import { scheduleDreamRoute } from '@/contracts/dreams';
import { createMessagesRoute, getMessageRoute, listMessagesRoute } from '@/contracts/messages';
import { createPeerRoute, listPeerSessionsRoute, listPeersRoute, updatePeerRoute } from '@/contracts/peers';
import { getQueueStatusRoute } from '@/contracts/queue';
import { getPeerCardRoute, getPeerContextRoute, getRepresentationRoute, setPeerCardRoute } from '@/contracts/representation';
import { queryConclusionsRoute, searchPeerRoute, searchSessionRoute, searchWorkspaceRoute } from '@/contracts/search';
import {
  addSessionPeersRoute,
  cloneSessionRoute,
  deleteSessionRoute,
  getOrCreateSessionRoute,
  listSessionPeersRoute,
  listSessionsRoute,
  removeSessionPeersRoute,
  updateSessionRoute,
} from '@/contracts/sessions';
import { createWorkspaceRoute, listWorkspacesRoute, updateWorkspaceRoute } from '@/contracts/workspaces';
import type { RestHandlers, RestRouteHandler } from '@/server/mcp/rest-dispatch';
import * as workspaces from '../v3/workspaces/route';
import * as workspaceList from '../v3/workspaces/list/route';
import * as workspace from '../v3/workspaces/[workspace_id]/route';
import * as workspaceSearch from '../v3/workspaces/[workspace_id]/search/route';
import * as workspaceChat from '../v3/workspaces/[workspace_id]/chat/route';
import * as peers from '../v3/workspaces/[workspace_id]/peers/route';
import * as peerList from '../v3/workspaces/[workspace_id]/peers/list/route';
import * as peer from '../v3/workspaces/[workspace_id]/peers/[peer_id]/route';
import * as peerSearch from '../v3/workspaces/[workspace_id]/peers/[peer_id]/search/route';
import * as peerChat from '../v3/workspaces/[workspace_id]/peers/[peer_id]/chat/route';
import * as peerCard from '../v3/workspaces/[workspace_id]/peers/[peer_id]/card/route';
import * as peerContext from '../v3/workspaces/[workspace_id]/peers/[peer_id]/context/route';
import * as peerRepresentation from '../v3/workspaces/[workspace_id]/peers/[peer_id]/representation/route';
import * as peerSessions from '../v3/workspaces/[workspace_id]/peers/[peer_id]/sessions/route';
import * as sessions from '../v3/workspaces/[workspace_id]/sessions/route';
import * as sessionList from '../v3/workspaces/[workspace_id]/sessions/list/route';
import * as session from '../v3/workspaces/[workspace_id]/sessions/[session_id]/route';
import * as sessionSearch from '../v3/workspaces/[workspace_id]/sessions/[session_id]/search/route';
import * as sessionClone from '../v3/workspaces/[workspace_id]/sessions/[session_id]/clone/route';
import * as sessionPeers from '../v3/workspaces/[workspace_id]/sessions/[session_id]/peers/route';
import * as sessionSummaries from '../v3/workspaces/[workspace_id]/sessions/[session_id]/summaries/route';
import * as sessionContext from '../v3/workspaces/[workspace_id]/sessions/[session_id]/context/route';
import * as messages from '../v3/workspaces/[workspace_id]/sessions/[session_id]/messages/route';
import * as messageList from '../v3/workspaces/[workspace_id]/sessions/[session_id]/messages/list/route';
import * as message from '../v3/workspaces/[workspace_id]/sessions/[session_id]/messages/[message_id]/route';
import * as conclusions from '../v3/workspaces/[workspace_id]/conclusions/route';
import * as conclusionList from '../v3/workspaces/[workspace_id]/conclusions/list/route';
import * as conclusionQuery from '../v3/workspaces/[workspace_id]/conclusions/query/route';
import * as conclusion from '../v3/workspaces/[workspace_id]/conclusions/[conclusion_id]/route';
import * as dream from '../v3/workspaces/[workspace_id]/schedule_dream/route';
import * as queueStatus from '../v3/workspaces/[workspace_id]/queue/status/route';

const entry = (contract: { id: string }, handler: unknown): [string, RestRouteHandler] => [contract.id, handler as RestRouteHandler];

export const MCP_REST_HANDLERS: RestHandlers = Object.fromEntries([
  entry(listWorkspacesRoute, workspaceList.POST),
  entry(createWorkspaceRoute, workspaces.POST),
  entry(updateWorkspaceRoute, workspace.PUT),
  entry(searchWorkspaceRoute, workspaceSearch.POST),
  entry(workspaceChatRoute, workspaceChat.POST),
  entry(createPeerRoute, peers.POST),
  entry(listPeersRoute, peerList.POST),
  entry(updatePeerRoute, peer.PUT),
  entry(searchPeerRoute, peerSearch.POST),
  entry(peerChatRoute, peerChat.POST),
  entry(getPeerCardRoute, peerCard.GET),
  entry(setPeerCardRoute, peerCard.PUT),
  entry(getPeerContextRoute, peerContext.GET),
  entry(getRepresentationRoute, peerRepresentation.POST),
  entry(listPeerSessionsRoute, peerSessions.POST),
  entry(getOrCreateSessionRoute, sessions.POST),
  entry(listSessionsRoute, sessionList.POST),
  entry(updateSessionRoute, session.PUT),
  entry(deleteSessionRoute, session.DELETE),
  entry(searchSessionRoute, sessionSearch.POST),
  entry(cloneSessionRoute, sessionClone.POST),
  entry(addSessionPeersRoute, sessionPeers.POST),
  entry(removeSessionPeersRoute, sessionPeers.DELETE),
  entry(listSessionPeersRoute, sessionPeers.GET),
  entry(getSessionSummariesRoute, sessionSummaries.GET),
  entry(getSessionContextRoute, sessionContext.GET),
  entry(createMessagesRoute, messages.POST),
  entry(listMessagesRoute, messageList.POST),
  entry(getMessageRoute, message.GET),
  entry(createConclusionsRoute, conclusions.POST),
  entry(listConclusionsRoute, conclusionList.POST),
  entry(queryConclusionsRoute, conclusionQuery.POST),
  entry(deleteConclusionRoute, conclusion.DELETE),
  entry(scheduleDreamRoute, dream.POST),
  entry(getQueueStatusRoute, queueStatus.GET),
]);
