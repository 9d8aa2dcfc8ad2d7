import { browserPattern, choiceFor, isBroadPattern, patternIncludes, patternProblem, patternReach, withSite } from '../../../core/messages/sites';

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

describe('enabled sites: how far a pattern reaches', () => {
  it.each([
    // Every host, whatever the scheme or port.
    ['*://*/*', 'every-host'],
    ['https://*/*', 'every-host'],
    ['http://*/*', 'every-host'],
    ['https://*/mail/*', 'every-host'],
    ['https://*:8443/*', 'every-host'],
    ['<all_urls>', 'every-host'],
    // A whole top-level domain or a registry's second level.
    ['https://*.com/*', 'whole-suffix'],
    ['*://*.org/*', 'whole-suffix'],
    ['https://*.COM/*', 'whole-suffix'],
    ['https://*.com./*', 'whole-suffix'],
    ['https://*.com:443/*', 'whole-suffix'],
    ['http://*.localhost/*', 'whole-suffix'],
    ['https://*.co.uk/*', 'whole-suffix'],
    ['https://*.com.au/*', 'whole-suffix'],
    ['https://*.gob.es/*', 'whole-suffix'],
    ['https://*.CO.UK/*', 'whole-suffix'],
    // One site, or one site and its subdomains.
    ['https://mail.example.org/*', 'site'],
    ['https://*.example.org/*', 'site'],
    ['https://*.example.co.uk/*', 'site'],
    ['https://*.example.com:8443/*', 'site'],
    ['http://127.0.0.1:8080/*', 'site'],
    ['https://MAIL.EXAMPLE.ORG/*', 'site'],
    ['https://*.bbc.co.uk/*', 'site'],
    ['https://*.co.example/*', 'site'],
    // Not match patterns at all: refused before anything else.
    ['HTTPS://*/*', 'invalid'],
    ['https://*', 'invalid'],
    ['https://*./*', 'invalid'],
    ['https://*com/*', 'invalid'],
    ['https://*.*.com/*', 'invalid'],
    ['ftp://*/*', 'invalid'],
    ['file:///*', 'invalid'],
    ['https://*:99999/*', 'invalid'],
    ['*', 'invalid'],
    ['', 'invalid'],
  ] as const)('%s reaches %s', (pattern, reach) => {
    expect(patternReach(pattern)).toBe(reach);
    expect(isBroadPattern(pattern)).toBe(reach === 'every-host' || reach === 'whole-suffix');
  });

  it('refuses <all_urls> (it also covers local files) and says what to write instead', () => {
    expect(patternProblem('<all_urls>')).toMatch(/https:\/\/\*\/\*/);
  });

  it('agrees with patternProblem on which patterns are valid', () => {
    for (const pattern of ['https://*/*', 'https://*.com/*', 'https://mail.example.org/*', 'https://*:8443/*']) expect(patternProblem(pattern)).toBeNull();
    for (const pattern of ['HTTPS://*/*', 'https://*./*', 'ftp://*/*', '']) expect(patternProblem(pattern)).not.toBeNull();
  });
});

describe('the pattern each browser is given', () => {
  it('Chrome gets the pattern as written, port included', () => {
    expect(browserPattern('http://127.0.0.1:8080/*', false)).toBe('http://127.0.0.1:8080/*');
  });

  it('Firefox, which matches nothing with a port in the pattern, gets it without the port', () => {
    expect(browserPattern('http://127.0.0.1:8080/*', true)).toBe('http://127.0.0.1/*');
    expect(browserPattern('https://mail.example.org:8443/roundcube/*', true)).toBe('https://mail.example.org/roundcube/*');
    // Nothing else changes: no port, or a path that merely contains a colon and digits.
    expect(browserPattern('https://mail.example.org/*', true)).toBe('https://mail.example.org/*');
    expect(browserPattern('https://mail.example.org/a:80/*', true)).toBe('https://mail.example.org/a:80/*');
    expect(browserPattern('<all_urls>', true)).toBe('<all_urls>');
  });
});
