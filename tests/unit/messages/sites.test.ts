import { choiceFor, patternIncludes, patternProblem, withSite } from '../../../core/messages/sites';

describe('enabled sites: match patterns', () => {
  it.each([
    'https://mail.example.org/*',
    'http://127.0.0.1:8080/*',
    'https://*.example.org/roundcube/*',
    '*://helpdesk.example.com/tickets/*',
    'https://mail.example.org:8443/*',
  ])('accepts %s', (pattern) => {
    expect(patternProblem(pattern)).toBeNull();
  });

  it.each(['mail.example.org/*', 'ftp://example.org/*', 'https://exa*mple.org/*', 'https://example.org', 'https://example.org:99999/*', 'javascript:alert(1)'])(
    'refuses %s with a message',
    (pattern) => {
      expect(patternProblem(pattern)).toMatch(/example|http/);
    },
  );

  it.each([
    ['http://127.0.0.1:8080/*', 'http://127.0.0.1:8080/?_task=mail', true],
    ['http://127.0.0.1:8080/*', 'http://127.0.0.1:8081/?_task=mail', false],
    ['http://127.0.0.1/*', 'http://127.0.0.1:8081/x', true],
    ['https://*.example.org/*', 'https://mail.example.org/', true],
    ['https://*.example.org/*', 'https://example.org/', true],
    ['https://*.example.org/*', 'https://evil-example.org/', false],
    ['https://mail.example.org/roundcube/*', 'https://mail.example.org/other/', false],
    ['https://mail.example.org:443/*', 'https://mail.example.org/', true],
    ['*://mail.example.org/*', 'http://mail.example.org/', true],
    ['*://mail.example.org/*', 'file:///mail.example.org/', false],
  ] as const)('%s includes %s → %s', (pattern, url, expected) => {
    expect(patternIncludes(pattern, url)).toBe(expected);
  });

  it('picks the first enabled site that covers a page, and replaces a site by pattern', () => {
    const sites = withSite(withSite([], { pattern: 'http://127.0.0.1:8080/*', adapter: 'roundcube' }), { pattern: 'https://*/*', adapter: 'generic' });
    expect(choiceFor(sites, 'http://127.0.0.1:8080/?_task=mail')).toBe('roundcube');
    expect(choiceFor(sites, 'https://forum.example.org/t/1')).toBe('generic');
    expect(choiceFor(sites, 'http://127.0.0.1:9999/')).toBeNull();
    expect(withSite(sites, { pattern: 'https://*/*', adapter: 'auto' })).toEqual([sites[0], { pattern: 'https://*/*', adapter: 'auto' }]);
  });
});
