import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { OptionsModelInstance } from '../models/options-model';
import { Field, Messages, SectionHead } from './controls';

/** The local agent's own name and email: how tickets they own and notes they write are signed. */
export function ProfileSection({ model }: { model: OptionsModelInstance }) {
  const view = model.view.value;
  const me = view?.agents.find((a) => a.id === view.meId);
  return (
    <section class="opt-section" aria-labelledby="opt-h-profile" data-testid="tip-section-profile">
      <SectionHead id="profile" title={t('opt_profile')} intro={t('opt_profileIntro')} />
      <Messages error={model.error} notice={model.notice} onDismiss={() => model.dismissError()} />
      {/* `key`: a save here or in another tab resets the drafts to what was stored. */}
      {me && <ProfileForm key={`${me.id}:${me.version}`} model={model} name={me.name === 'Me' ? '' : me.name} email={me.email} />}
    </section>
  );
}

function ProfileForm({ model, name: savedName, email: savedEmail }: { model: OptionsModelInstance; name: string; email: string }) {
  const [name, setName] = useState(savedName);
  const [email, setEmail] = useState(savedEmail);
  return (
    <form
      class="panel opt-form"
      onSubmit={(e) => {
        e.preventDefault();
        void model.saveProfile(name, email);
      }}
    >
      <div class="tip-field-row">
        <Field id="opt-profile-name" label={t('opt_yourName')}>
          <input
            id="opt-profile-name"
            class="tip-input"
            data-testid="tip-profile-name"
            required
            maxLength={200}
            autoComplete="name"
            placeholder={t('opt_yourNamePlaceholder')}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field id="opt-profile-email" label={t('opt_yourEmail')} hint={t('opt_optional')}>
          <input
            id="opt-profile-email"
            type="email"
            class="tip-input"
            data-testid="tip-profile-email"
            maxLength={320}
            autoComplete="email"
            aria-describedby="opt-profile-email-hint"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
      </div>
      <div class="tip-row tip-row-end">
        <button type="submit" class="tip-button is-primary" data-testid="tip-profile-save" disabled={model.busy.value}>
          {t('opt_save')}
        </button>
      </div>
    </form>
  );
}
