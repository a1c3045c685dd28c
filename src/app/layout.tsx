// Root layout: document shell and global styles. System fonts only — next/font/google would fetch at build time.
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';

import './globals.css';

export const metadata: Metadata = {
  title: {
    default: 'Rapport — user context for LLM apps',
    template: '%s · Rapport',
  },
  description:
    'Self-hostable user context management for LLM apps: stores every conversation per user, derives facts in the ' +
    'background and answers questions about a user on demand. Wire-compatible with Honcho v3.',
  applicationName: 'Rapport',
};

export const viewport: Viewport = {
  themeColor: '#0d9488',
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
