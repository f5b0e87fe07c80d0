/** Small field groups the command forms share, built from Designsystemet's parts. */
import { Checkbox, Field, Fieldset, Label, Radio, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, type ReactNode } from 'react';
import { t } from '../../i18n';

export interface Option<T extends string> {
  value: T;
  label: string;
  description?: string;
}

/** A group of radios (one choice) with its legend and, when in error, the message under the legend. */
export function RadioGroup<T extends string>({
  legend,
  description,
  options,
  value,
  onChange,
  error,
}: {
  legend: ReactNode;
  description?: ReactNode;
  options: Option<T>[];
  value: NoInfer<T> | '';
  onChange(value: NoInfer<T>): void;
  error?: string;
}) {
  const name = useId();
  const messageId = `${name}-error`;
  return (
    <Fieldset>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {description && <Fieldset.Description>{description}</Fieldset.Description>}
      {error && <ValidationMessage id={messageId}>{error}</ValidationMessage>}
      {options.map((o) => (
        <Radio
          key={o.value}
          name={name}
          value={o.value}
          label={o.label}
          description={o.description}
          checked={value === o.value}
          onChange={() => onChange(o.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? messageId : undefined}
        />
      ))}
    </Fieldset>
  );
}

/** A group of checkboxes (several choices). */
export function CheckboxGroup<T extends string>({
  legend,
  description,
  options,
  value,
  onChange,
  error,
}: {
  legend: ReactNode;
  description?: ReactNode;
  options: Option<T>[];
  value: NoInfer<T>[];
  onChange(value: NoInfer<T>[]): void;
  error?: string;
}) {
  const name = useId();
  const messageId = `${name}-error`;
  return (
    <Fieldset>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {description && <Fieldset.Description>{description}</Fieldset.Description>}
      {error && <ValidationMessage id={messageId}>{error}</ValidationMessage>}
      {options.map((o) => (
        <Checkbox
          key={o.value}
          name={name}
          value={o.value}
          label={o.label}
          description={o.description}
          checked={value.includes(o.value)}
          onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? messageId : undefined}
        />
      ))}
    </Fieldset>
  );
}

/** A date field (YYYY-MM-DD). */
export function DateField({ label, value, onChange, error, description }: { label: string; value: string; onChange(v: string): void; error?: string; description?: string }) {
  return <Textfield label={label} description={description} type="date" value={value} onChange={(e) => onChange(e.target.value)} error={error} />;
}

/** A date and time field, in local (Oslo) time. */
export function DateTimeField({ label, value, onChange, error, description }: { label: string; value: string; onChange(v: string): void; error?: string; description?: string }) {
  return <Textfield label={label} description={description} type="datetime-local" value={value} onChange={(e) => onChange(e.target.value)} error={error} />;
}

/** A native select with its label and message. */
export function SelectField<T extends string>({
  label,
  value,
  onChange,
  options,
  error,
  placeholder = t('Velg …'),
}: {
  label: string;
  value: NoInfer<T> | '';
  onChange(v: NoInfer<T>): void;
  options: Option<T>[];
  error?: string;
  placeholder?: string;
}) {
  return (
    <Field>
      <Label>{label}</Label>
      <Select value={value} onChange={(e) => onChange(e.target.value as T)} aria-invalid={error ? true : undefined}>
        <Select.Option value="" disabled>
          {placeholder}
        </Select.Option>
        {options.map((o) => (
          <Select.Option key={o.value} value={o.value}>
            {o.label}
          </Select.Option>
        ))}
      </Select>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Field>
  );
}
