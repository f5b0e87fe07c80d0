import { Field, Label, Select, ValidationMessage } from '@digdir/designsystemet-react';
import type { ReactNode, SelectHTMLAttributes } from 'react';

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'size' | 'multiple'> {
  label: ReactNode;
  options: { value: string; text: string }[];
  /** The text of the empty choice; without it there is none. */
  emptyText?: string;
  error?: ReactNode;
}

/** A labelled select with its error at the field (Designsystemet's Field ties label, select and message together). */
export function SelectField({ label, options, emptyText, error, ...rest }: SelectFieldProps) {
  return (
    <Field>
      <Label>{label}</Label>
      <Select aria-invalid={error ? true : undefined} {...rest}>
        {emptyText !== undefined && <Select.Option value="">{emptyText}</Select.Option>}
        {options.map((o) => (
          <Select.Option key={o.value} value={o.value}>
            {o.text}
          </Select.Option>
        ))}
      </Select>
      {error ? <ValidationMessage>{error}</ValidationMessage> : null}
    </Field>
  );
}
