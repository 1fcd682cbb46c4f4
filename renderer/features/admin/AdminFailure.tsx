import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../api/client';
import { failureText } from './admin-common';

/**
 * What went wrong with the server, as every administration tab shows it: a warning when the server
 * cannot be reached (the screens are online only), an error otherwise, and «Обновить» to read again.
 */
export function AdminFailure(props: {
  readonly failure: ApiFailure;
  readonly onReload: () => void;
  readonly onClose?: () => void;
}) {
  const { t } = useTranslation('admin');
  return (
    <Alert
      severity={props.failure.kind === 'network' ? 'warning' : 'error'}
      data-testid="admin-failure"
      onClose={props.onClose}
      action={<Button onClick={props.onReload}>{t('reload')}</Button>}
    >
      {failureText(t, props.failure)}
    </Alert>
  );
}
