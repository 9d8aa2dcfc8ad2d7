import { t } from '../shared/i18n';
import { MAX_WIDTH, MIN_WIDTH, type SidebarModelInstance } from '../models/sidebar-model';

const STEP = 16;

/** The sidebar's left edge: drag (or focus it and use the arrow keys) to resize; the width is remembered. */
export function ResizeHandle({ model }: { model: SidebarModelInstance }) {
  const width = model.width.value;
  return (
    <div
      class="tip-resize"
      data-testid="tip-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('resize')}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={MAX_WIDTH}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={(e) => {
        const handle = e.currentTarget;
        handle.setPointerCapture(e.pointerId);
        const view = handle.ownerDocument.defaultView!;
        const resize = (p: PointerEvent, save: boolean) => model.resize(view.innerWidth - p.clientX, save);
        const move = (m: PointerEvent) => resize(m, false);
        const up = (u: PointerEvent) => {
          handle.removeEventListener('pointermove', move);
          handle.removeEventListener('pointerup', up);
          resize(u, true);
        };
        handle.addEventListener('pointermove', move);
        handle.addEventListener('pointerup', up);
        e.preventDefault();
      }}
      onKeyDown={(e) => {
        const delta = e.key === 'ArrowLeft' ? STEP : e.key === 'ArrowRight' ? -STEP : 0;
        if (delta) {
          e.preventDefault();
          model.resize(width + delta, true);
        }
      }}
    />
  );
}
