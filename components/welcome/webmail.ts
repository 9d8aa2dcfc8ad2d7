/**
 * The match pattern for a webmail address the agent pastes: the page's own
 * folder and everything under it (`https://mail.example.org/roundcube/` →
 * `https://mail.example.org/roundcube/*`), so one click enables it without
 * writing a pattern. Null for anything that is not an http(s) address.
 */
export function webmailPattern(address: string): string | null {
  const text = address.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname || url.username || url.password) return null;
  // A page's folder: `/roundcube/?_task=mail` and `/roundcube/index.php` both give `/roundcube/`.
  const folder = url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1) || '/';
  return `${url.protocol}//${url.host}${folder}*`;
}
