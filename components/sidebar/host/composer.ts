/** Tells the host its editor changed, as typing does (React and editors listen for this). */
const typed = (el: HTMLElement, text: string) => el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));

/**
 * Inserts a saved reply at the cursor of the host page's own composer (R14),
 * firing the input events the host listens to, so its own UI (a Send
 * button, a draft saver, a React state) sees the text as if typed.
 */
export function insertAtCursor(el: HTMLElement, text: string): boolean {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
    const start = el.selectionStart ?? el.value.length;
    el.focus();
    // setRangeText keeps the host's undo-free value tracking honest (React reads the new value on 'input').
    el.setRangeText(text, start, el.selectionEnd ?? start, 'end');
    typed(el, text);
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  }
  if (!el.isContentEditable) return false;
  el.focus();
  const doc = el.ownerDocument;
  const selection = doc.getSelection();
  if (selection && (selection.rangeCount === 0 || !el.contains(selection.anchorNode))) {
    // No cursor inside the editor: put it at the end.
    const range = doc.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
  }
  // Rich editors (Gmail, Slack, WhatsApp) handle the beforeinput/input this fires natively.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- still the only way to type into a host editor with its own events
  if (doc.execCommand('insertText', false, text)) return true;
  const range = selection?.getRangeAt(0);
  if (!range) return false;
  range.deleteContents();
  range.insertNode(doc.createTextNode(text));
  range.collapse(false);
  typed(el, text);
  return true;
}
