import { Alert, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { problemText } from '../api';
import { t } from '../i18n';

/**
 * While a read is under way, a spinner; when it failed, why (beside data already shown, if any).
 * `what` names the data in the person's målform: pass it through t() (it is passed again here, so a
 * bokmål text with its nynorsk in the catalogue is shown in nynorsk too).
 */
export function QueryState({ loading, error, what }: { loading: boolean; error: unknown; what: string }) {
  if (error !== undefined) {
    return (
      <Alert data-color="danger">
        <Paragraph>
          {t('Kunne ikke hente {{what}}.', { what: t(what) })} {problemText(error)}
        </Paragraph>
      </Alert>
    );
  }
  if (loading) return <Spinner aria-label={t('Henter {{what}}', { what: t(what) })} />;
  return null;
}
