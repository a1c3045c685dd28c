// The console (/console/**): client data layer (tRPC + TanStack Query) around every console page. Never indexed.
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '@/trpc/react';

export const metadata: Metadata = {
  title: { default: 'Console', template: '%s · Rapport console' },
  robots: { index: false, follow: false },
};

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
