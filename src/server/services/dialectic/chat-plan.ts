import 'server-only';
// The part of a chat plan that the peer and workspace chat routes take from the request the same way: the question,
// streaming, reasoning level, evidence, and the workspace and pinned session recall is bound to. Each route decides
// the rest: whose view, which sessions, whether a peer card is used.
import type { PeerChatBody, WorkspaceChatBody } from '@/contracts/chat';
import type { ResponseFormat } from './response-format-subset';
import type { ChatPlan } from './chat-run';
import type { RecallScope } from './recall-scope';

type ChatBody = PeerChatBody | WorkspaceChatBody;
type Named = { id: string; name: string };

export function chatPlan(
  body: ChatBody,
  decided: {
    /** Checked before any lookup, so a malformed format is a 422 whatever else is wrong. */
    responseFormat: ResponseFormat | null;
    workspace: Named;
    session: Named | null;
    view: RecallScope['view'];
    messageSessionIds: RecallScope['messageSessionIds'];
    conclusionSessionIds: RecallScope['conclusionSessionIds'];
    useCard: boolean;
  },
): ChatPlan {
  const { workspace, session } = decided;
  return {
    recall: {
      workspace: { id: workspace.id, name: workspace.name },
      view: decided.view,
      messageSessionIds: decided.messageSessionIds,
      conclusionSessionIds: decided.conclusionSessionIds,
      session: session ? { id: session.id, name: session.name } : null,
    },
    question: body.query,
    stream: body.stream ?? false,
    level: body.reasoning_level ?? 'low',
    responseFormat: decided.responseFormat,
    includeEvidence: body.include_evidence ?? false,
    useCard: decided.useCard,
  };
}
