// The command palette's destinations: pages and apps by every typed word, users and sessions as the server found them.
import { describe, expect, it } from 'vitest';
import { APP_SECTIONS } from '@/components/console/shell/app-paths';
import { paletteItems } from '@/components/console/shell/palette-items';

const apps = [{ id: 'prod', displayName: 'Production' }, { id: 'staging', displayName: null }];

describe('paletteItems', () => {
  it('offers the current app\'s pages, the apps, and its users and sessions', () => {
    const items = paletteItems({ text: '', currentApp: 'prod', apps, peers: ['alice'], sessions: ['chat-1'] });
    expect(items.find((i) => i.label === 'Queue')).toMatchObject({ group: 'Pages', href: '/console/apps/prod/queue' });
    // Every section of the app, however many there are, plus the organization's app list.
    expect(items.filter((i) => i.group === 'Pages')).toHaveLength(APP_SECTIONS.length + 1);
    expect(items.filter((i) => i.group === 'Apps').map((i) => i.href)).toEqual(['/console/apps/prod', '/console/apps/staging']);
    expect(items.find((i) => i.group === 'Users')).toMatchObject({ label: 'alice', href: '/console/apps/prod/users/alice' });
    expect(items.find((i) => i.group === 'Sessions')).toMatchObject({ label: 'chat-1', href: '/console/apps/prod/sessions/chat-1' });
  });

  it('narrows pages and apps to those containing every typed word', () => {
    const items = paletteItems({ text: 'api key', currentApp: 'prod', apps, peers: [], sessions: [] });
    expect(items.map((i) => i.label)).toEqual(['API keys']);
    expect(paletteItems({ text: 'stag', currentApp: null, apps, peers: [], sessions: [] }).map((i) => i.href)).toEqual(['/console/apps/staging']);
  });

  it('offers no app pages, users or sessions outside an app', () => {
    const items = paletteItems({ text: '', currentApp: null, apps, peers: ['alice'], sessions: ['s'] });
    expect(items.map((i) => i.group)).toEqual(['Pages', 'Apps', 'Apps']);
  });
});
