import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function CrashNotice() {
  const { t } = useTranslation();
  return (
    <Alert
      severity="error"
      sx={{ m: 4 }}
      action={
        <Button color="inherit" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </Button>
      }
    >
      <AlertTitle>{t('crash.title')}</AlertTitle>
      {t('crash.body')}
    </Alert>
  );
}

/**
 * A rendering error must not leave a blank window. Reloading is safe: unsynced work lives in
 * IndexedDB, never only in React state.
 */
export class CrashBoundary extends Component<{ children: ReactNode }, { crashed: boolean }> {
  override state = { crashed: false };

  static getDerivedStateFromError(): { crashed: boolean } {
    return { crashed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('okno: the window crashed while rendering', error);
  }

  override render(): ReactNode {
    return this.state.crashed ? <CrashNotice /> : this.props.children;
  }
}
