import { t } from '../shared/i18n';
import { MAX_WIDTH, MIN_WIDTH, type SidebarModelInstance } from '../models/sidebar-model';

const STEP = 16;

/** The sidebar's left edge: drag (or focus it and use the arrow keys) to resize; the width is remembered. */
export function ResizeHandle({ model }: { model: SidebarModelInstance }) {
  const width = model.width.value;
  const onPointerDown = (e: PointerEvent) => {
    const handle = e.currentTarget as HTMLElement;
    handle.setPointerCapture(e.pointerId);
    const view = handle.ownerDocument.defaultView!;
    const move = (m: PointerEvent) => model.resize(view.innerWidth - m.clientX, false);
    const up = (u: PointerEvent) => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      model.resize(view.innerWidth - u.clientX, true);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    e.preventDefault();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const delta = e.key === 'ArrowLeft' ? STEP : e.key === 'ArrowRight' ? -STEP : 0;
    if (delta === 0) return;
    e.preventDefault();
    model.resize(width + delta, true);
  };
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
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
