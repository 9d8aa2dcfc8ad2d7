import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { t } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';

interface Item {
  testId: string;
  label: string;
  run: () => void;
  danger?: boolean;
}

/** The ⋯ menu (R10, R11, R12): a menu button with arrow-key navigation; Escape closes it. */
export function MoreMenu({ model }: { model: SidebarModelInstance }) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const view = model.view.value;
  const conversation = view?.conversation;
  const contact = view?.contact;

  useLayoutEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [open]);

  if (!conversation) return null;
  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const items: Item[] = [
    conversation.status === 'open'
      ? { testId: 'tip-menu-close-conversation', label: t('closeConversation'), run: () => void model.setConversationStatus('closed') }
      : { testId: 'tip-menu-reopen-conversation', label: t('reopenConversation'), run: () => void model.setConversationStatus('open') },
    { testId: 'tip-menu-trash', label: t('moveToTrash'), run: () => setConfirming(true), danger: true },
    contact?.blocked
      ? { testId: 'tip-menu-unblock-sender', label: t('unblockSender'), run: () => void model.blockSender(false) }
      : { testId: 'tip-menu-block-sender', label: t('blockSender'), run: () => void model.blockSender(true) },
    contact?.spam
      ? { testId: 'tip-menu-not-spam', label: t('notSpam'), run: () => void model.markSpam(false) }
      : { testId: 'tip-menu-spam', label: t('markSpam'), run: () => void model.markSpam(true) },
  ];

  const onMenuKey = (e: KeyboardEvent) => {
    const buttons = Array.from(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
    const i = buttons.indexOf(e.target as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length;
      buttons[next]?.focus();
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
          {items.map((item) => (
            <button
              key={item.testId}
              type="button"
              role="menuitem"
              class={`tip-menu-item${item.danger ? ' is-danger' : ''}`}
              data-testid={item.testId}
              onClick={() => {
                close(!item.danger);
                item.run();
              }}
            >
              {item.label}
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
