import { t } from './i18n';

/**
 * An extension page's brand: the logo, the product's name and the page's title. `heading`: the
 * title is the page's h1 (the welcome page, the dashboard); else a plain line (the options page,
 * whose h1 is the section's).
 */
export function PageBrand({ title, class: className, heading = false }: { title: string; class: string; heading?: boolean }) {
  return (
    <div class={className}>
      <span class="page-logo" aria-hidden="true">
        T
      </span>
      <div>
        <p class="eyebrow">{t('appName')}</p>
        {heading ? <h1 class={`${className}-title`}>{title}</h1> : <p class={`${className}-title`}>{title}</p>}
      </div>
    </div>
  );
}
