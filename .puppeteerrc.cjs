/**
 * Puppeteer never downloads a browser here (no internet on CI): the e2e
 * tests drive the system Chromium, found by tests/e2e/chrome.ts.
 * @type {import('puppeteer').Configuration}
 */
module.exports = {
  skipDownload: true,
};
