import { Alert, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { problemText } from '../api';

/** While a read is under way, a spinner; when it failed, why (beside data already shown, if any). */
export function QueryState({ loading, error, what }: { loading: boolean; error: unknown; what: string }) {
  if (error !== undefined) {
    return (
      <Alert data-color="danger">
        <Paragraph>
          Kunne ikke hente {what}. {problemText(error)}
        </Paragraph>
      </Alert>
    );
  }
  if (loading) return <Spinner aria-label={`Henter ${what}`} />;
  return null;
}
