import { useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';
import { extrasOf } from './ui';

/**
 * The ⋯ menu button (R10, R11, R12). Its items and the trash confirmation
 * (MenuPanel.tsx) come with the sidebar's extras (extras.ts), asked for when
 * the menu first opens; clicking or tabbing anywhere else closes it.
 */
export function MoreMenu({ model }: { model: SidebarModelInstance }) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const extras = extrasOf(model, open || confirming);
  if (!model.view.value?.conversation) return null;
  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  return (
    <div
      class="tip-menu-wrap"
      onFocusOut={(e) => {
        // As native menus do; the confirmation dialog stays (it has its own Cancel).
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
      {extras && <extras.MenuPanel model={model} open={open} confirming={confirming} setConfirming={setConfirming} close={close} />}
    </div>
  );
}
