import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { t, type MessageKey } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';

/** One menu item: `tip-menu-<id>`, its label, what it does, whether it is destructive (asks first). */
type Item = [id: string, label: MessageKey, run: () => unknown, danger?: boolean];

/** The ⋯ menu (R10, R11, R12): a menu button with arrow-key navigation; Escape closes it. */
export function MoreMenu({ model }: { model: SidebarModelInstance }) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const view = model.view.value;
  const conversation = view?.conversation;
  const menuItems = () => Array.from(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);

  useLayoutEffect(() => {
    if (open) menuItems()[0]?.focus();
  }, [open]);

  if (!conversation) return null;
  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const isOpen = conversation.status === 'open';
  const blocked = !!view.contact?.blocked;
  const spam = !!view.contact?.spam;
  const items: Item[] = [
    isOpen
      ? ['close-conversation', 'closeConversation', () => model.setConversationStatus('closed')]
      : ['reopen-conversation', 'reopenConversation', () => model.setConversationStatus('open')],
    ['trash', 'moveToTrash', () => setConfirming(true), true],
    blocked ? ['unblock-sender', 'unblockSender', () => model.blockSender(false)] : ['block-sender', 'blockSender', () => model.blockSender(true)],
    spam ? ['not-spam', 'notSpam', () => model.markSpam(false)] : ['spam', 'markSpam', () => model.markSpam(true)],
  ];

  const onMenuKey = (e: KeyboardEvent) => {
    const buttons = menuItems();
    const i = buttons.indexOf(e.target as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  return (
    <div
      class="tip-menu-wrap"
      onFocusOut={(e) => {
        // Clicking or tabbing anywhere else closes the menu, as native menus do.
        if (open && !(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        type="button"
        class="tip-icon-button"
        data-testid="tip-menu"
        ref={buttonRef}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="tip-more-menu"
        aria-label={t('moreActions')}
        title={t('moreActions')}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <div class="tip-menu" id="tip-more-menu" role="menu" ref={menuRef} aria-label={t('moreActions')} onKeyDown={onMenuKey}>
          {items.map(([id, label, run, danger]) => (
            <button
              key={id}
              type="button"
              role="menuitem"
              class={`tip-menu-item${danger ? ' is-danger' : ''}`}
              data-testid={`tip-menu-${id}`}
              onClick={() => {
                close(!danger);
                void run();
              }}
            >
              {t(label)}
            </button>
          ))}
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('trashTitle')}
          body={t('trashBody')}
          confirmLabel={t('trashConfirm')}
          onCancel={() => {
            setConfirming(false);
            buttonRef.current?.focus();
          }}
          onConfirm={() => {
            setConfirming(false);
            void model.trashConversation();
          }}
        />
      )}
    </div>
  );
}
