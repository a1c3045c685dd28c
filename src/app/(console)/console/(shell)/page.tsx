// /console — the apps of the signed-in user's organizations.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AppsScreen } from '@/components/console/apps/apps-screen';
import { SkeletonRows } from '@/components/console/ui/states';

export const metadata: Metadata = { title: 'Apps' };

export default function AppsPage() {
  return (
    <Suspense fallback={<SkeletonRows label="Loading apps" />}>
      <AppsScreen />
    </Suspense>
  );
}
