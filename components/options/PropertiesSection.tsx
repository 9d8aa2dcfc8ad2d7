import { useState } from 'preact/hooks';
import { CARD_PROPERTIES } from '../../core/domain/defaults';
import type { PropertyDefinition, PropertyType } from '../../core/domain/types';
import { fill } from '../dashboard/format';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { t, type MessageKey } from '../shared/i18n';
import { allProperties, propertyLabel } from '../shared/properties';
import type { OptionsModelInstance } from '../models/options-model';
import { Field, InlineText, Messages, SectionHead } from './controls';

const TYPES: PropertyType[] = ['text', 'number', 'select', 'date'];
const TYPE_LABEL: Record<PropertyType, MessageKey> = {
  text: 'opt_typeText',
  number: 'opt_typeNumber',
  select: 'opt_typeSelect',
  date: 'opt_typeDate',
};

/** "Free, Pro , Team" → ["Free", "Pro", "Team"]: options are typed as one comma-separated line. */
export const splitOptions = (text: string) => [...new Set(text.split(',').map((o) => o.trim()).filter(Boolean))];

/** User-defined ticket properties (`custom.<name>`): text, number, select (with options) or date. */
export function PropertiesSection({ model }: { model: OptionsModelInstance }) {
  const settings = model.view.value?.settings;
  const [removing, setRemoving] = useState<PropertyDefinition | null>(null);
  return (
    <section class="opt-section" aria-labelledby="opt-h-properties" data-testid="tip-section-properties">
      <SectionHead id="properties" title={t('opt_properties')} intro={t('opt_propertiesIntro')} />
      <Messages error={model.error} notice={model.notice} onDismiss={() => model.dismissError()} />
      {settings && settings.properties.length === 0 && <p class="panel tip-muted">{t('opt_noProperties')}</p>}
      {settings && settings.properties.length > 0 && (
        <ul class="panel opt-list" aria-label={t('opt_properties')}>
          {settings.properties.map((p) => (
            <li key={p.id} class="opt-row opt-row-wrap" data-testid="tip-property-row" data-property-id={p.id}>
              <span class="opt-row-main">
                <InlineText value={p.name} label={fill('opt_propertyNameOf', { name: p.name })} testId="tip-property-rename" disabled={model.busy.value} onSave={(v) => model.saveProperty(p.id, v)} />
              </span>
              <span class="tip-pill">{t(TYPE_LABEL[p.type])}</span>
              <span class="opt-row-actions">
                <button
                  type="button"
                  class="tip-button is-danger-outline"
                  data-testid="tip-property-remove"
                  aria-label={fill('opt_removeNamed', { name: p.name })}
                  disabled={model.busy.value}
                  onClick={() => setRemoving(p)}
                >
                  {t('opt_remove')}
                </button>
              </span>
              {p.type === 'select' && (
                <span class="opt-row-full opt-options-line">
                  <span class="tip-small tip-muted" aria-hidden="true">
                    {t('opt_options')}
                  </span>
                  <InlineText
                    value={(p.options ?? []).join(', ')}
                    label={fill('opt_optionsOf', { name: p.name })}
                    testId="tip-property-options-edit"
                    maxLength={2000}
                    disabled={model.busy.value}
                    onSave={(v) => model.saveProperty(p.id, p.name, splitOptions(v))}
                  />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {settings && settings.properties.length > 0 && <p class="tip-small tip-muted opt-list-hint">{t('opt_inlineHint')}</p>}
      <AddProperty model={model} />
      {removing && (
        <ConfirmDialog
          title={fill('opt_removePropertyTitle', { name: removing.name })}
          body={t('opt_removePropertyBody')}
          confirmLabel={t('opt_remove')}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            setRemoving(null);
            void model.removeProperty(removing.id);
          }}
        />
      )}
    </section>
  );
}

function AddProperty({ model }: { model: OptionsModelInstance }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<PropertyType>('text');
  const [options, setOptions] = useState('');
  return (
    <form
      class="panel opt-form"
      aria-labelledby="opt-property-add-title"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await model.addProperty(name, type, splitOptions(options))) {
          setName('');
          setOptions('');
        }
      }}
    >
      <h2 id="opt-property-add-title">{t('opt_addProperty')}</h2>
      <div class="tip-field-row">
        <Field id="opt-property-name" label={t('opt_name')}>
          <input id="opt-property-name" class="tip-input" data-testid="tip-property-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="opt-property-type" label={t('opt_type')}>
          <select id="opt-property-type" class="tip-input" data-testid="tip-property-type" value={type} onChange={(e) => setType(e.currentTarget.value as PropertyType)}>
            {TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(TYPE_LABEL[ty])}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {type === 'select' && (
        <Field id="opt-property-options" label={t('opt_options')} hint={t('opt_optionsHint')}>
          <input
            id="opt-property-options"
            class="tip-input"
            data-testid="tip-property-options"
            required
            maxLength={2000}
            placeholder={t('opt_optionsPlaceholder')}
            aria-describedby="opt-property-options-hint"
            value={options}
            onInput={(e) => setOptions(e.currentTarget.value)}
          />
        </Field>
      )}
      <div class="tip-row tip-row-end">
        <button type="submit" class="tip-button is-primary" data-testid="tip-property-add" disabled={model.busy.value}>
          {t('opt_add')}
        </button>
      </div>
    </form>
  );
}

/**
 * R6: which properties the sidebar's details panel shows by default, the
 * same setting as the panel's own "Edit displayed properties".
 */
export function DisplayedSection({ model }: { model: OptionsModelInstance }) {
  const settings = model.view.value?.settings;
  const cardNames = settings ? CARD_PROPERTIES.map((id) => propertyLabel(settings, id)).join(', ') : '';
  return (
    <section class="opt-section" aria-labelledby="opt-h-details" data-testid="tip-section-details">
      <SectionHead id="details" title={t('opt_details')} intro={t('opt_detailsIntro')} />
      <Messages error={model.error} notice={model.notice} onDismiss={() => model.dismissError()} />
      {settings && (
        <div class="panel">
          <fieldset class="opt-checks">
            <legend>{t('opt_detailsLegend')}</legend>
            {allProperties(settings)
              // The name is the panel's title, always there (as in the sidebar's own editor).
              .filter((p) => p.id !== 'name')
              .map((p) => (
                <label key={p.id} class="tip-check">
                  <input
                    type="checkbox"
                    data-testid={`tip-displayed-${p.id}`}
                    checked={settings.displayedProperties.includes(p.id)}
                    disabled={model.busy.value}
                    onChange={(e) => void model.setDisplayed(p.id, e.currentTarget.checked)}
                  />
                  {propertyLabel(settings, p.id)}
                </label>
              ))}
          </fieldset>
          <p class="tip-muted tip-small">{fill('opt_cardFixed', { names: cardNames })}</p>
          <div class="tip-row tip-row-end">
            <button type="button" class="tip-button" data-testid="tip-displayed-reset" disabled={model.busy.value} onClick={() => void model.resetDisplayed()}>
              {t('opt_resetDisplayed')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
