import { useLayoutEffect, useRef } from 'preact/hooks';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { t, type MessageKey } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';

/** One menu item: `tip-menu-<id>`, its label, what it does, whether it is destructive (asks first). */
type Item = [id: string, label: MessageKey, run: () => unknown, danger?: boolean];

export interface MenuPanelProps {
  model: SidebarModelInstance;
  /** The menu is showing (its button, in MoreMenu.tsx, toggles it). */
  open: boolean;
  /** The trash confirmation is showing; it outlives the menu that asked for it. */
  confirming: boolean;
  setConfirming(confirming: boolean): void;
  /** Closes the menu; `refocus` puts focus back on its button. */
  close(refocus?: boolean): void;
}

/** The ⋯ menu's items (R10, R11, R12) with arrow-key navigation, Escape to close, and the trash confirmation. */
export function MenuPanel({ model, open, confirming, setConfirming, close }: MenuPanelProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const menuItems = () => Array.from(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
  useLayoutEffect(() => {
    if (open) menuItems()[0]?.focus();
  }, [open]);

  const view = model.view.value;
  const conversation = view?.conversation;
  if (!conversation) return null;
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
  // Snooze is for an open ticket (docs/rules.md "Snooze"); the form opens on the card.
  if (view.ticket && view.ticket.deletedAt === null && view.ticket.closedAt === null) items.unshift(['snooze', 'timeMenuSnooze', () => (model.snoozeOpen.value = true)]);

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
    <>
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
            close();
          }}
          onConfirm={() => {
            setConfirming(false);
            void model.trashConversation();
          }}
        />
      )}
    </>
  );
}
