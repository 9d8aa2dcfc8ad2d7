import type { ComponentChildren } from 'preact';
import type { Channel } from '../../core/domain/types';
import { t } from '../shared/i18n';
import type { SidebarModelInstance } from '../models/sidebar-model';
import type { Extras } from './extras';

/**
 * Pieces several sidebar cards render alike. The sidebar ships in every
 * content script (docs/ui-contract.md "Content-script size"): one copy of each, shared.
 */

/** A labelled control: `<label class="tip-field"><span class="tip-field-label">…</span>…</label>`. */
export function Field({ label, class: extra = '', children }: { label: string; class?: string; children: ComponentChildren }) {
  return (
    <label class={`tip-field${extra}`}>
      <span class="tip-field-label">{label}</span>
      {children}
    </label>
  );
}

/** A card whose heading names it (`aria-labelledby` → `<id>-title`). */
export function Card({ id, title, testId, children }: { id: string; title: string; testId?: string; children: ComponentChildren }) {
  return (
    <section class="tip-card" data-testid={testId} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} class="tip-card-title">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** A status line while something loads. */
export const Loading = () => (
  <p class="tip-muted" role="status">
    {t('loading')}
  </p>
);

/**
 * The controls only a click opens (extras.ts), or null while they load: asks
 * for them when `wanted`. Rendering re-runs when they arrive (a signal).
 */
export function extrasOf(model: SidebarModelInstance, wanted = true): Extras | null {
  if (!wanted) return null;
  const extras = model.extras.value;
  if (!extras) model.wantExtras();
  return extras;
}

export const channelLabel = (channel: Channel) => t(channel === 'email' ? 'channelEmail' : 'channelChat');

export const statusLabel = (status: string) => t(status === 'open' ? 'conversationOpen' : 'conversationClosed');

/** What identifies a contact to a person: the address, or the handle without its `source:` prefix. */
export const addressOf = (contact: { email: string | null; handle: string | null }) => contact.email ?? contact.handle?.replace(/^[a-z]+:/, '') ?? '';
