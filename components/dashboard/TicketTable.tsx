import { DueCell, DueHeader } from './DueCell';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { shortId } from '../../core/domain/ids';
import type { Agent, Settings } from '../../core/domain/types';
import { t } from '../shared/i18n';
import { agentLabel, priorityLabel, stageLabel } from '../shared/properties';
import type { DashboardModelInstance } from '../models/dashboard-model';
import { MAX_SELECTION } from '../models/dashboard-model';
import type { Row } from '../models/ticket-list';
import { fill, formatFullDate, formatShort } from './format';
import { TagsCell, TagsHeader } from './TagsCell';
import { SlaCell, SlaHeader } from './SlaCell';

/** Fixed row height (px): the list computes what is in view from the scroll position alone. */
export const ROW_HEIGHT = 48;
/** The column header row, sticky at the top of the scroll box. */
const HEADER_HEIGHT = 38;
/** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
const OVERSCAN = 8;

export const recordUrl = (id: string) => `/ticket.html?id=${encodeURIComponent(id)}`;

/**
 * The ticket list, virtualised: a scroll box as tall as every loaded row,
 * and only the rows in view (plus a few) in the DOM, each absolutely placed.
 * Scrolling near the end asks the model for the next pages.
 */
export function TicketTable({ model }: { model: DashboardModelInstance }) {
  const { list } = model;
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const setup = model.setup.value;
  // Subscribe to the list's state: a new page or reloaded rows re-render the visible part.
  void list.revision.value;
  const count = list.count.value;
  const done = list.done.value;

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const visibleLast = Math.ceil((view.top + view.height) / ROW_HEIGHT);
  const last = Math.min(count - 1, visibleLast + OVERSCAN);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // The sticky header row sits above the rows inside the scroll box.
    const measure = () => setView({ top: Math.max(0, el.scrollTop - HEADER_HEIGHT), height: el.clientHeight || 600 });
    measure();
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, []);

  // New filters start at the top of the list.
  const resetKey = `${JSON.stringify(model.filters.value)}|${model.search.value}|${model.sort.value}|${model.direction.value}`;
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [resetKey]);

  // Ask for what is in view (and one screen beyond, so the next page is there before it is needed).
  useEffect(() => {
    const screen = Math.ceil(view.height / ROW_HEIGHT);
    void list.show(Math.max(0, first), visibleLast + screen);
  }, [first, visibleLast, view.height, count, resetKey]);

  const rows: preact.JSX.Element[] = [];
  const selected = model.selected.value;
  for (let i = first; i <= last; i++) {
    const row = list.rowAt(i);
    rows.push(
      row && setup ? (
        <TicketRow key={row.id} index={i} row={row} settings={setup.settings} agents={setup.agents} meId={setup.meId} checked={selected.has(row.id)} model={model} />
      ) : (
        <div key={`loading-${i}`} class="dash-row is-placeholder" role="row" aria-rowindex={i + 2} style={{ transform: `translateY(${i * ROW_HEIGHT}px)` }}>
          <span role="cell" class="dash-skeleton" />
        </div>
      ),
    );
  }

  const loadedIds = count;
  const allSelected = loadedIds > 0 && selected.size >= Math.min(loadedIds, MAX_SELECTION);
  const empty = count === 0 && done && !list.loading.value;
  return (
    <div
      class="dash-table"
      role="table"
      aria-label={t('dash_listLabel')}
      aria-rowcount={done ? count + 1 : -1}
      aria-busy={list.loading.value}
      data-testid="tip-ticket-list"
      data-count={count}
      data-done={String(done)}
    >
      <div class="dash-scroll" ref={scroller} data-testid="tip-list-scroll">
        <div class="dash-row dash-thead" role="row" aria-rowindex={1}>
          <span role="columnheader" class="dash-cell dash-check">
            <input
              type="checkbox"
              data-testid="tip-select-all"
              aria-label={loadedIds > MAX_SELECTION ? fill('dash_selectFirst', { n: MAX_SELECTION }) : t('dash_selectAll')}
              checked={allSelected}
              disabled={count === 0}
              onChange={() => model.toggleAll()}
            />
          </span>
          <span role="columnheader" class="dash-cell dash-name">{t('dash_colTicket')}</span>
          <span role="columnheader" class="dash-cell dash-contact">{t('contact')}</span>
          <span role="columnheader" class="dash-cell dash-status">{t('status')}</span>
          <span role="columnheader" class="dash-cell dash-priority">{t('priority')}</span>
          <span role="columnheader" class="dash-cell dash-owner">{t('owner')}</span>
          <TagsHeader />
          <span role="columnheader" class="dash-cell dash-channel">{t('dash_colChannel')}</span>
          <DueHeader />
          <span role="columnheader" class="dash-cell dash-updated">{model.sort.value === 'createdAt' ? t('dash_colCreatedAt') : t('dash_colUpdated')}</span>
          <SlaHeader />
        </div>
        <div class="dash-spacer" role="rowgroup" style={{ height: `${Math.max(count, 0) * ROW_HEIGHT}px` }}>
          {rows}
        </div>
        {empty && (
          <div class="dash-empty" role="row" data-testid="tip-list-empty">
            <div role="cell">
              <p class="dash-empty-title">{model.filtered.value ? t('dash_emptyFiltered') : t('dash_emptyAll')}</p>
              <p class="tip-muted">{model.filtered.value ? t('dash_emptyFilteredHint') : t('dash_emptyAllHint')}</p>
              {model.filtered.value && (
                <button type="button" class="tip-button" onClick={() => model.clearFilters()}>
                  {t('dash_clearFilters')}
                </button>
              )}
            </div>
          </div>
        )}
        {!done && (
          <div class="dash-more" role="row" aria-live="polite">
            <span role="cell">{count === 0 ? t('loading') : t('dash_loadingMore')}</span>
          </div>
        )}
      </div>
    </div>
  );
}

interface RowProps {
  index: number;
  row: Row;
  settings: Settings;
  agents: Agent[];
  meId: string;
  checked: boolean;
  model: DashboardModelInstance;
}

function TicketRow({ index, row, settings, agents, meId, checked, model }: RowProps) {
  const closed = settings.stages.find((s) => s.id === row.status)?.closed ?? false;
  const when = model.sort.value === 'createdAt' ? row.createdAt : row.updatedAt;
  const open = (e: MouseEvent) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, a, button, label')) return;
    location.assign(recordUrl(row.id));
  };
  return (
    <div
      class={`dash-row${checked ? ' is-selected' : ''}${closed ? ' is-closed' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      data-testid="tip-ticket-row"
      data-ticket-id={row.id}
      data-status={row.status}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      onClick={open}
    >
      <span role="cell" class="dash-cell dash-check">
        <input
          type="checkbox"
          data-testid="tip-select-row"
          aria-label={fill('dash_selectRow', { name: row.name })}
          checked={checked}
          onChange={(e) => model.toggle(row.id, e.currentTarget.checked)}
        />
      </span>
      <span role="cell" class="dash-cell dash-name">
        <a href={recordUrl(row.id)} class="dash-name-link" data-testid="tip-row-name">
          {row.name}
        </a>
        <span class="dash-id">{shortId(row.id)}</span>
      </span>
      <span role="cell" class="dash-cell dash-contact" title={row.contact}>
        {row.contact || <span class="tip-muted">—</span>}
      </span>
      <span role="cell" class="dash-cell dash-status">
        <span class={`dash-status-pill stage-${stageIndex(settings, row.status)}${closed ? ' is-closed' : ''}`}>{stageLabel(settings, row.status)}</span>
      </span>
      <span role="cell" class="dash-cell dash-priority">
        <span class={`dash-priority-dot priority-${row.priority}`} aria-hidden="true" />
        {priorityLabel(settings, row.priority)}
      </span>
      <span role="cell" class={`dash-cell dash-owner${row.ownerId ? '' : ' tip-muted'}`}>{agentLabel(agents, row.ownerId, meId)}</span>
      <TagsCell tags={row.tags} settings={settings} />
      <span role="cell" class="dash-cell dash-channel">
        <span class={`tip-badge tip-badge-${row.source}`}>{row.source === 'email' ? t('channelEmail') : t('channelChat')}</span>
      </span>
      <DueCell dueAt={row.dueAt} now={Date.now()} />
      <span role="cell" class="dash-cell dash-updated tip-muted">
        <time dateTime={new Date(when).toISOString()} title={formatFullDate(when)}>
          {formatShort(when)}
        </time>
      </span>
      <SlaCell row={row} settings={settings} />
    </div>
  );
}

function stageIndex(settings: Settings, id: string): number {
  return Math.max(0, settings.stages.findIndex((s) => s.id === id)) % 6;
}
