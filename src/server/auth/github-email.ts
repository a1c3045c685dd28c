import 'server-only';
// GitHub accounts link to console accounts by email, so the email must be one GitHub has verified. The profile's
// email alone does not say that; GitHub's email list (scope `user:email`, requested by the provider) does.
type GithubEmail = { email: string; primary: boolean; verified: boolean };

export async function verifiedGithubEmail(accessToken: string, profileEmail: string | null | undefined): Promise<string | null> {
  const response = await fetch('https://api.github.com/user/emails', {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/vnd.github+json', 'User-Agent': 'rapport' },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) return null;
  const emails = (await response.json()) as GithubEmail[];
  if (!Array.isArray(emails)) return null;
  const verified = emails.filter((e) => e.verified && typeof e.email === 'string');
  const wanted = profileEmail?.toLowerCase();
  return (
    verified.find((e) => e.email.toLowerCase() === wanted)?.email ??
    verified.find((e) => e.primary)?.email ??
    null
  );
}
