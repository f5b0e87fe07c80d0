import { ErrorSummary } from '@digdir/designsystemet-react';
import { t } from '../i18n';

/** The id of the input for an API field path, e.g. 'child.birthDate' → 'felt-child-birthDate'. */
export const fieldId = (path: string) => `felt-${path.replaceAll('.', '-')}`;

/**
 * The form's errors at its top, each a link to its field. Designsystemet's element takes focus
 * when it appears, so a failed submit is announced; `attempt` remounts it for every new failure.
 */
export function FormErrorSummary({
  fields,
  attempt,
  labelOf,
  heading,
}: {
  fields: Record<string, string>;
  attempt: number;
  /** The field's label, so that each line says which field it is about. */
  labelOf(path: string): string | undefined;
  /** Instead of 'Rett opp dette før du sender:'. */
  heading?: string;
}) {
  const entries = Object.entries(fields);
  if (entries.length === 0) return null;
  return (
    <ErrorSummary key={attempt}>
      <ErrorSummary.Heading>{heading ?? t('Rett opp dette før du sender:')}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {entries.map(([path, message]) => (
          <ErrorSummary.Item key={path}>
            <ErrorSummary.Link href={`#${fieldId(path)}`}>{labelOf(path) ? `${labelOf(path)}: ${message}` : message}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
