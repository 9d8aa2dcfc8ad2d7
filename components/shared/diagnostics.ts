/**
 * "Copy diagnostics" (sidebar and popup): puts the text on the clipboard.
 * Resolves false when the clipboard refused it (a host page's permissions
 * policy can): the caller then shows the text for the agent to copy by hand.
 */
export async function toClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
