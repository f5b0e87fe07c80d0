/**
 * The person's målform for the app (PUT /me/language): bokmål, nynorsk, or the municipality's.
 * The page loads again in the chosen form, so every text on it follows.
 */
import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api } from '../api';
import { t } from '../i18n';
import { useSession } from '../session';

export function LanguageChoice() {
  const { session } = useSession();
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const choose = async (value: string) => {
    setSaving(true);
    setFailed(false);
    const language = value === 'nb' || value === 'nn' ? value : null;
    const { error } = await api.PUT('/me/language', { body: { language } });
    if (error) {
      setSaving(false);
      setFailed(true);
      return;
    }
    window.location.reload();
  };
  return (
    <Field className="bk-language" data-size="sm">
      <Label>{t('Målform')}</Label>
      <Select value={session.languageChoice ?? ''} disabled={saving} aria-invalid={failed || undefined} onChange={(e) => void choose(e.target.value)}>
        <Select.Option value="">{t('Som kommunen')}</Select.Option>
        <Select.Option value="nb">{t('Bokmål')}</Select.Option>
        <Select.Option value="nn">{t('Nynorsk')}</Select.Option>
      </Select>
      {failed && <span role="alert">{t('Kunne ikke lagre valget. Prøv igjen.')}</span>}
    </Field>
  );
}
