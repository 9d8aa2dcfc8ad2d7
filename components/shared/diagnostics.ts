import { browser } from 'wxt/browser';
import { diagnosticsText, type DiagnosticsInput } from '../../core/domain/health';

/**
 * "Copy diagnostics" (sidebar and popup): the text of core/domain/health.ts
 * on the clipboard. Resolves with the text when the clipboard refused it (a
 * host page's permissions policy can), for the agent to copy by hand; null
 * when it is on the clipboard.
 */
export async function copyDiagnostics(reports: readonly DiagnosticsInput[]): Promise<string | null> {
  let version = '';
  try {
    version = browser.runtime.getManifest().version;
  } catch {
    // Outside an extension (unit tests): 'unknown' in the text.
  }
  const text = diagnosticsText(reports, { version, userAgent: navigator.userAgent, now: Date.now() });
  try {
    await navigator.clipboard.writeText(text);
    return null;
  } catch {
    return text;
  }
}
