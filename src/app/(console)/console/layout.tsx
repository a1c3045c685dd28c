// The console (/console/**): client data layer (tRPC + TanStack Query), the theme (applied before first paint) and
// toasts around every console page. Never indexed.
import type { Metadata } from 'next';
import { Suspense, type ReactNode } from 'react';
import '@/components/console/theme/console-theme.css';
import { CONSOLE_ROOT_ID, ThemeScript } from '@/components/console/theme/theme-script';
import { ExpiredSignInNotice } from '@/components/console/auth/expired-sign-in-notice';
import { ToastProvider } from '@/components/console/ui/toast';
import { TRPCReactProvider } from '@/trpc/react';
import { consoleNonce } from '@/trpc/server';

export const metadata: Metadata = {
  title: { default: 'Console', template: '%s · Rapport console' },
  robots: { index: false, follow: false },
};

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const nonce = await consoleNonce();
  return (
    // The theme script adds `console-dark` to this element before React hydrates; that one difference is expected.
    <div id={CONSOLE_ROOT_ID} className="min-h-dvh bg-stone-50 text-stone-800" suppressHydrationWarning>
      <ThemeScript nonce={nonce} />
      <TRPCReactProvider>
        <ToastProvider>{children}</ToastProvider>
        <Suspense>
          <ExpiredSignInNotice />
        </Suspense>
      </TRPCReactProvider>
    </div>
  );
}
