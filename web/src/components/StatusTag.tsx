import { Tag } from '@digdir/designsystemet-react';
import { t } from '../i18n';
import { statusText } from '../texts';

const COLOR: Record<string, 'info' | 'success' | 'warning' | 'danger' | 'neutral'> = {
  awaiting_consent: 'warning',
  kartlegging: 'info',
  awaiting_decision: 'info',
  granted: 'warning',
  refused: 'neutral',
  complaint_with_statsforvalteren: 'warning',
  appointed: 'success',
  closed: 'neutral',
};

export function StatusTag({ status }: { status: string }) {
  return <Tag data-color={COLOR[status] ?? 'neutral'}>{statusText(status)}</Tag>;
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  return overdue ? <Tag data-color="danger">{t('Forfalt')}</Tag> : <Tag data-color="info">{t('Snart')}</Tag>;
}
