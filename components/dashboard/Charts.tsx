import { useState } from 'preact/hooks';
import type { Settings } from '../../core/domain/types';
import type { TicketStats } from '../../core/messages/views';
import { t } from '../shared/i18n';
import { stageLabel } from '../shared/properties';
import { fill, formatLongDay, formatMonthDay, formatNumber } from './format';

/**
 * The dashboard's two charts in plain SVG: no library, one font, the page's
 * colours (light and dark). Each is an image with its numbers in its
 * accessible name and `<title>`, and a table with the same numbers one click
 * away ("Show as table") for anyone who would rather read than look.
 */

/** A round axis maximum (1, 2, 5 × 10ⁿ) at or above `max`, and its ticks. */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: ticks, step: 1 };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const whole = Math.max(1, Math.ceil(step));
  return { top: whole * Math.ceil(max / whole), step: whole };
}

function TableToggle({ id, children, label }: { id: string; label: string; children: preact.ComponentChildren }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="tip-link-button chart-toggle" aria-expanded={open} aria-controls={id} data-testid={`${id}-toggle`} onClick={() => setOpen(!open)}>
        {open ? t('dash_hideTable') : t('dash_showTable')}
        <span class="tip-visually-hidden"> — {label}</span>
      </button>
      {/* Scrolls when long: focusable so the keyboard can scroll it too. */}
      <div id={id} hidden={!open} class="chart-table-wrap" tabIndex={0} role="region" aria-label={label}>
        {children}
      </div>
    </>
  );
}

/** Open tickets per open stage, as horizontal bars. */
export function StatusChart({ stats, settings, onPick }: { stats: TicketStats; settings: Settings; onPick?: (stageId: string) => void }) {
  const rows = settings.stages.filter((s) => !s.closed).map((s) => ({ id: s.id, label: stageLabel(settings, s.id), value: stats.byStatus[s.id] ?? 0 }));
  const max = Math.max(1, ...rows.map((r) => r.value));
  // Few stages get taller bars, so the chart fills its panel beside the daily one.
  const rowH = Math.max(34, Math.min(52, Math.floor(200 / Math.max(1, rows.length))));
  const labelW = 176;
  const width = 480;
  const barMax = width - labelW - 56;
  const height = rows.length * rowH;
  const title = t('dash_chartStatusTitle');
  const summary = rows.map((r) => `${r.label}: ${formatNumber(r.value)}`).join(', ');
  return (
    <figure class="chart" data-testid="tip-chart-status">
      <figcaption class="chart-caption">
        <span class="chart-title">{title}</span>
        <span class="chart-total">{fill('dash_openTotal', { n: stats.open })}</span>
      </figcaption>
      <svg class="chart-svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary}`}>
        <title>{`${title}. ${summary}`}</title>
        {rows.map((r, i) => {
          const y = i * rowH;
          const w = r.value === 0 ? 0 : Math.max(4, (r.value / max) * barMax);
          return (
            <g key={r.id} class="chart-bar-row" onClick={onPick ? () => onPick(r.id) : undefined}>
              <text x={0} y={y + rowH / 2} dy="0.35em" class="chart-label">
                {r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label}
              </text>
              <rect x={labelW} y={y + rowH / 2 - 10} width={barMax} height={20} rx={5} class="chart-track" />
              <rect x={labelW} y={y + rowH / 2 - 10} width={w} height={20} rx={5} class={`chart-bar chart-bar-${i % 4}`} />
              <text x={labelW + w + 8} y={y + rowH / 2} dy="0.35em" class="chart-value">
                {formatNumber(r.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <TableToggle id="tip-chart-status-table" label={title}>
        <table class="chart-table">
          <caption class="tip-visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('dash_colOpenTickets')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.label}</th>
                <td>{formatNumber(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </figure>
  );
}

/** Tickets created and closed per day over the last days, as two lines. */
export function DailyChart({ stats }: { stats: TicketStats }) {
  const days = stats.days;
  const width = 640;
  const height = 220;
  const pad = { left: 36, right: 12, top: 12, bottom: 28 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const { top, step } = niceScale(Math.max(0, ...days.map((d) => Math.max(d.created, d.closed, d.breached ?? 0))));
  const x = (i: number) => pad.left + (days.length <= 1 ? plotW / 2 : (i / (days.length - 1)) * plotW);
  const y = (v: number) => pad.top + plotH - (v / top) * plotH;
  const line = (key: 'created' | 'closed' | 'breached') => days.map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(d[key] ?? 0).toFixed(1)}`).join(' ');
  const area = `${line('created')} L${x(days.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`;
  const totalCreated = days.reduce((n, d) => n + d.created, 0);
  const totalClosed = days.reduce((n, d) => n + d.closed, 0);
  const totalBreached = days.reduce((n, d) => n + (d.breached ?? 0), 0);
  const title = fill('dash_chartDailyTitle', { n: days.length });
  const busy = days.filter((d) => d.created > 0 || d.closed > 0);
  const perDay = busy.map((d) => fill('dash_dayCounts', { day: formatMonthDay(d.start), created: d.created, closed: d.closed })).join('; ');
  const label = `${title}. ${fill('dash_dailyTotals', { created: totalCreated, closed: totalClosed })} ${fill('sla_legendBreaches', { n: totalBreached })}.${perDay ? ` ${perDay}.` : ` ${t('dash_noActivityDays')}`}`;
  const ticks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
  const slot = days.length > 1 ? plotW / (days.length - 1) : plotW;
  return (
    <figure class="chart" data-testid="tip-chart-daily">
      <figcaption class="chart-caption">
        <span class="chart-title">{title}</span>
        <span class="chart-legend" aria-hidden="true">
          <span class="legend-item">
            <span class="legend-swatch is-created" />
            {fill('dash_legendCreated', { n: totalCreated })}
          </span>
          <span class="legend-item">
            <span class="legend-swatch is-closed" />
            {fill('dash_legendClosed', { n: totalClosed })}
          </span>
          <span class="legend-item" data-testid="tip-chart-breaches" data-value={totalBreached}>
            <span class="legend-swatch is-breached" />
            {fill('sla_legendBreaches', { n: totalBreached })}
          </span>
        </span>
      </figcaption>
      <svg class="chart-svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        <title>{label}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} class={v === 0 ? 'chart-axis' : 'chart-grid'} />
            <text x={pad.left - 8} y={y(v)} dy="0.35em" class="chart-tick" text-anchor="end">
              {formatNumber(v)}
            </text>
          </g>
        ))}
        {days.map((d, i) =>
          i % 7 === (days.length - 1) % 7 ? (
            <text key={d.start} x={x(i)} y={height - 8} class="chart-tick" text-anchor={i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle'}>
              {formatMonthDay(d.start)}
            </text>
          ) : null,
        )}
        <path d={area} class="chart-area" />
        <path d={line('created')} class="chart-line is-created" />
        <path d={line('closed')} class="chart-line is-closed" />
        <path d={line('breached')} class="chart-line is-breached" />
        {days.map((d, i) => (
          <g key={d.start} class="chart-day">
            <rect x={x(i) - slot / 2} y={pad.top} width={slot} height={plotH} class="chart-hit" />
            {d.created > 0 && <circle cx={x(i)} cy={y(d.created)} r={3} class="chart-dot is-created" />}
            {d.closed > 0 && <rect x={x(i) - 3} y={y(d.closed) - 3} width={6} height={6} class="chart-dot is-closed" />}
            <title>{fill('dash_dayCounts', { day: formatLongDay(d.start), created: d.created, closed: d.closed })}</title>
          </g>
        ))}
      </svg>
      <TableToggle id="tip-chart-daily-table" label={title}>
        <table class="chart-table">
          <caption class="tip-visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash_colDay')}</th>
              <th scope="col">{t('dash_colCreated')}</th>
              <th scope="col">{t('dash_colClosed')}</th>
              <th scope="col">{t('sla_colBreaches')}</th>
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((d) => (
              <tr key={d.start}>
                <th scope="row">{formatLongDay(d.start)}</th>
                <td>{formatNumber(d.created)}</td>
                <td>{formatNumber(d.closed)}</td>
                <td>{formatNumber(d.breached ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </figure>
  );
}
