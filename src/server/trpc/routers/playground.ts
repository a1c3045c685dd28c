import 'server-only';
// The playground: a peer chat asked from the console, streamed as a tRPC subscription (server-sent events, the
// console's session cookie as auth, no API key in the browser). Each event is a PlaygroundEvent: start (which engine
// answers), text deltas, done (evidence). A client that goes away aborts the answer loop through `signal`.
import { playgroundInput } from '@/contracts/console-memory';
import { DomainError } from '@/server/services/errors';
import { preparePlayground, streamPlayground, type PreparedPlayground } from '@/server/services/console/playground-answer';
import { appProcedure } from '../app-procedure';
import { domainToTrpcError } from '../domain-errors';
import { router } from '../init';

export const playgroundRouter = router({
  // Not a generator function: the checks run (and fail, as mapped domain errors) before the subscription starts.
  ask: appProcedure.input(playgroundInput).subscription(async ({ ctx, input, signal }) => {
    const { app: _app, ...question } = input;
    const prepared = await preparePlayground(ctx.db, ctx.workspace, question);
    return answer(prepared, signal);
  }),
});

/** Errors after the start (a model failing mid-answer) keep their domain meaning instead of becoming internal. */
async function* answer(prepared: PreparedPlayground, signal: AbortSignal | undefined) {
  try {
    yield* streamPlayground(prepared, signal);
  } catch (error) {
    throw error instanceof DomainError ? domainToTrpcError(error) : error;
  }
}
