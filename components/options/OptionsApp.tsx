import { t, type MessageKey } from '../shared/i18n';
import { PageBrand } from '../shared/PageBrand';
import type { DataModelInstance } from '../models/data-model';
import { OPTION_SECTIONS, type OptionSection, type OptionsModelInstance } from '../models/options-model';
import { DataSection } from './DataSection';
import { PrioritiesSection, StagesSection } from './PipelineSections';
import { ProfileSection } from './ProfileSection';
import { DisplayedSection, PropertiesSection } from './PropertiesSection';
import { RemindersSection } from './RemindersSection';
import { ShortcutsSection } from './ShortcutsSection';
import type { RemindersModelInstance } from '../models/reminders-model';
import { SitesSection } from './SitesSection';
import { SlaSection } from './SlaSection';
import { SnippetsSection } from './SnippetsSection';
import { TagsSection } from './TagsSection';
import { TeammatesSection } from './TeammatesSection';

const TITLES: Record<OptionSection, MessageKey> = {
  profile: 'opt_profile',
  teammates: 'opt_teammates',
  stages: 'opt_stages',
  priorities: 'opt_priorities',
  sla: 'sla_title',
  properties: 'opt_properties',
  details: 'opt_details',
  tags: 'tag_label',
  snippets: 'opt_snippets',
  sites: 'opt_sites',
  shortcuts: 'opt_shortcuts',
  reminders: 'timeSectionReminders',
  data: 'opt_data',
};

export const sectionTitle = (id: OptionSection) => t(TITLES[id]);

/** The options page: a navigation of sections on the left, one section at a time on the right (`#<section>`). */
export function OptionsApp({ model, data, reminders }: { model: OptionsModelInstance; data: DataModelInstance; reminders?: RemindersModelInstance }) {
  const current = model.section.value;
  return (
    <div class="opt-page" data-testid="tip-options">
      <header class="opt-top">
        <PageBrand class="opt-brand" title={t('options')} />
      </header>
      <div class="opt-layout">
        <nav class="opt-nav" aria-label={t('opt_nav')}>
          <ul>
            {OPTION_SECTIONS.map((id) => (
              <li key={id}>
                <a href={`#${id}`} data-testid={`tip-nav-${id}`} aria-current={id === current ? 'page' : undefined}>
                  {sectionTitle(id)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main class="opt-main" id="opt-main">
          <Section id={current} model={model} data={data} reminders={reminders} />
        </main>
      </div>
    </div>
  );
}

function Section({ id, model, data, reminders }: { id: OptionSection; model: OptionsModelInstance; data: DataModelInstance; reminders?: RemindersModelInstance }) {
  // `key` gives each section fresh drafts and a fresh heading to focus.
  switch (id) {
    case 'profile':
      return <ProfileSection key={id} model={model} />;
    case 'teammates':
      return <TeammatesSection key={id} model={model} />;
    case 'stages':
      return <StagesSection key={id} model={model} />;
    case 'priorities':
      return <PrioritiesSection key={id} model={model} />;
    case 'sla':
      return <SlaSection key={id} model={model} />;
    case 'properties':
      return <PropertiesSection key={id} model={model} />;
    case 'details':
      return <DisplayedSection key={id} model={model} />;
    case 'tags':
      return <TagsSection key={id} model={model} />;
    case 'snippets':
      return <SnippetsSection key={id} model={model} />;
    case 'sites':
      return <SitesSection key={id} model={model} />;
    case 'shortcuts':
      return <ShortcutsSection key={id} model={model} />;
    case 'reminders':
      return reminders ? <RemindersSection key={id} model={reminders} /> : null;
    case 'data':
      return <DataSection key={id} model={data} />;
  }
}
