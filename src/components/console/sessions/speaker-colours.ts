// Speakers of a session in distinct colours: each peer gets the colour of its place among the session's peers (in
// joining order), so the same session always colours the same way and two speakers of a dialogue never match.
const PALETTE = [
  { border: 'border-l-teal-400', text: 'text-teal-700' },
  { border: 'border-l-violet-400', text: 'text-violet-700' },
  { border: 'border-l-amber-400', text: 'text-amber-700' },
  { border: 'border-l-sky-400', text: 'text-sky-700' },
] as const;

export type SpeakerColour = (typeof PALETTE)[number];

export function speakerColours(peers: readonly string[]): (peer: string) => SpeakerColour {
  const index = new Map(peers.map((peer, i) => [peer, i]));
  return (peer) => {
    // A speaker who is no longer listed (a deleted membership) still gets a stable colour from its name.
    const i = index.get(peer) ?? [...peer].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
    return PALETTE[i % PALETTE.length]!;
  };
}
