'use client';
// When any console change fails because the sign-in has expired, say so where it cannot be missed (a fixed alert,
// whatever the scroll position or the dialog that asked) and offer to sign in again, coming back to this page with
// its query. The failed change itself is not replayed: the user repeats it after signing in, seeing the fresh data.
// A modal dialog puts everything outside it out of reach (inert, under the top layer), so while one is open the
// alert is rendered inside it, and moves back to the page when that dialog closes.
import { useQueryClient } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { buttonClasses } from '../ui/button';
import { WarningIcon } from '../ui/icons';
import { signInUrlFor } from './sign-in-target';

/** tRPC answers UNAUTHORIZED when the console cookie is missing or no longer valid. */
export function isExpiredSignIn(error: unknown): boolean {
  return (error as { data?: { code?: string } } | null)?.data?.code === 'UNAUTHORIZED';
}

export function ExpiredSignInNotice() {
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const search = useSearchParams();
  const [message, setMessage] = useState<string | null>(null);
  const [host, setHost] = useState<HTMLDialogElement | null>(null);

  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        const error = event.mutation?.state.error;
        if (event.type === 'updated' && event.mutation?.state.status === 'error' && isExpiredSignIn(error)) {
          setMessage('Your sign-in has expired, so this change was not saved.');
          setHost(document.querySelector<HTMLDialogElement>('dialog[open]'));
        }
      }),
    [queryClient],
  );

  useEffect(() => {
    if (!host) return;
    const back = () => setHost(null);
    host.addEventListener('close', back);
    return () => host.removeEventListener('close', back);
  }, [host]);

  if (!message) return null;
  const query = search.toString();
  const back = signInUrlFor(`${pathname}${query ? `?${query}` : ''}`);
  const alert = (
    <div role="alert" className="fixed inset-x-0 top-3 z-[60] mx-auto flex w-fit max-w-[calc(100vw-1.5rem)] flex-wrap items-center gap-3 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 shadow-lg">
      <WarningIcon className="size-4 shrink-0 text-red-600" />
      <p>{message}</p>
      {/* A full navigation, not a client transition: the sign-in page must run with no stale console state. */}
      <a href={back} className={buttonClasses('primary', 'sm')}>
        Sign in again
      </a>
      <button type="button" onClick={() => setMessage(null)} className="text-xs font-medium text-red-700 underline">
        Dismiss
      </button>
    </div>
  );
  return host ? createPortal(alert, host) : alert;
}
