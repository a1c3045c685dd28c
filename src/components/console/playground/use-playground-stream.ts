'use client';
// The playground's answer stream: a tRPC subscription over server-sent events (the console's session cookie is the
// credential). One question at a time; asking again or leaving the page closes the previous stream, which stops the
// answer loop on the server.
import { createTRPCClient, httpSubscriptionLink, type TRPCClient } from '@trpc/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppRouter, RouterInputs } from '@/trpc/types';
import { errorMessage } from '../ui/trpc-errors';

let client: TRPCClient<AppRouter> | undefined;
function subscriptionClient(): TRPCClient<AppRouter> {
  client ??= createTRPCClient<AppRouter>({ links: [httpSubscriptionLink({ url: '/api/trpc' })] });
  return client;
}

type Subscribe = TRPCClient<AppRouter>['playground']['ask']['subscribe'];
export type AskEvent = Parameters<NonNullable<Parameters<Subscribe>[1]['onData']>>[0];
export type StartEvent = Extract<AskEvent, { type: 'start' }>;
export type Evidence = Extract<AskEvent, { type: 'done' }>['evidence'];
export type AskInput = RouterInputs['playground']['ask'];

export type AnswerState = {
  status: 'idle' | 'streaming' | 'done' | 'error' | 'stopped';
  start: StartEvent | null;
  text: string;
  evidence: Evidence | null;
  error: string | null;
};

const IDLE: AnswerState = { status: 'idle', start: null, text: '', evidence: null, error: null };

export function usePlaygroundStream() {
  const [state, setState] = useState<AnswerState>(IDLE);
  const current = useRef<{ unsubscribe: () => void } | null>(null);

  const stop = useCallback(() => {
    current.current?.unsubscribe();
    current.current = null;
    setState((s) => (s.status === 'streaming' ? { ...s, status: 'stopped' } : s));
  }, []);

  const ask = useCallback((input: AskInput) => {
    current.current?.unsubscribe();
    setState({ ...IDLE, status: 'streaming' });
    const subscription = subscriptionClient().playground.ask.subscribe(input, {
      onData(event) {
        setState((s) => {
          if (event.type === 'start') return { ...s, start: event };
          if (event.type === 'delta') return { ...s, text: s.text + event.text };
          return { ...s, evidence: event.evidence, status: 'done' };
        });
      },
      onError(error) {
        current.current = null;
        setState((s) => ({ ...s, status: 'error', error: errorMessage(error, 'The answer failed. Try again.') }));
      },
      onComplete() {
        current.current = null;
        setState((s) => (s.status === 'streaming' ? { ...s, status: 'done' } : s));
      },
    });
    current.current = subscription;
  }, []);

  useEffect(() => () => current.current?.unsubscribe(), []);
  return { state, ask, stop };
}
