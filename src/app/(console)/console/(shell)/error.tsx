'use client';
// A console page failed to render: say so, offer a retry, keep the shell.
import { ErrorState } from '@/components/console/ui/states';

export default function ConsoleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState title="This page could not be loaded" message="The server reported an error. Try again in a moment." onRetry={reset} />;
}
