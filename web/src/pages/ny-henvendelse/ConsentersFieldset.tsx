import { Button, Fieldset, Textfield } from '@digdir/designsystemet-react';
import { SelectField } from '../../components/SelectField';
import { msg, t } from '../../i18n';
import { fieldId } from '../../components/FormErrorSummary';

export interface Consenter {
  key: string;
  name: string;
  role: '' | 'parent' | 'guardian' | 'young_person';
}

export const CONSENTER_ROLES = [
  { value: 'parent', text: msg('Forelder') },
  { value: 'guardian', text: msg('Verge') },
  { value: 'young_person', text: msg('Ungdommen selv (fra 16 år)') },
];

/** The people who consent on the child's behalf (or the young person), one row each. */
export function ConsentersFieldset({ consenters, onChange, errors, newKey }: { consenters: Consenter[]; onChange(next: Consenter[]): void; errors: Record<string, string>; newKey(): string }) {
  const set = (i: number, change: Partial<Consenter>) => onChange(consenters.map((c, j) => (j === i ? { ...c, ...change } : c)));
  return (
    <Fieldset id={fieldId('consenters')}>
      <Fieldset.Legend>{t('Samtykkegivere')}</Fieldset.Legend>
      <Fieldset.Description>{t('Foreldre eller andre som samtykker på barnets vegne. Fra 16 år samtykker ungdommen selv.')}</Fieldset.Description>
      {errors.consenters && <p className="bk-error">{errors.consenters}</p>}
      {consenters.map((c, i) => (
        <div className="bk-row" key={c.key}>
          <Textfield id={fieldId(`consenters.${i}.name`)} label={t('Navn, samtykkegiver {{n}}', { n: i + 1 })} value={c.name} onChange={(e) => set(i, { name: e.target.value })} error={errors[`consenters.${i}.name`]} autoComplete="off" />
          <SelectField
            id={fieldId(`consenters.${i}.role`)}
            label={t('Rolle, samtykkegiver {{n}}', { n: i + 1 })}
            emptyText={t('Velg rolle')}
            options={CONSENTER_ROLES.map((r) => ({ value: r.value, text: t(r.text) }))}
            value={c.role}
            onChange={(e) => set(i, { role: e.target.value as Consenter['role'] })}
            error={errors[`consenters.${i}.role`]}
          />
          {consenters.length > 1 && (
            <Button variant="tertiary" onClick={() => onChange(consenters.filter((_, j) => j !== i))}>
              {t('Fjern samtykkegiver {{n}}', { n: i + 1 })}
            </Button>
          )}
        </div>
      ))}
      {consenters.length < 10 && (
        <div>
          <Button variant="secondary" onClick={() => onChange([...consenters, { key: newKey(), name: '', role: '' }])}>
            {t('Legg til samtykkegiver')}
          </Button>
        </div>
      )}
    </Fieldset>
  );
}
