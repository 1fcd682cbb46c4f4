import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useRxDocument } from '../../db/DatabaseProvider';
import { useHandOverState } from './PassportHandOverContext';
import { useSectionText } from './section-props';

/** The saved appeal, live: its registration number appears when the server has registered it. */
export function SavedNotice({ appealId, onOpen }: { appealId: string; onOpen: () => void }) {
  const { t } = useSectionText();
  const { result } = useRxDocument('appeals', appealId);
  const number = result?.registrationNumber ?? null;
  const passport = useHandOverState(appealId);
  return (
    <Alert
      severity="success"
      data-testid="reception-saved"
      action={
        <Button color="inherit" size="small" onClick={onOpen}>
          {t('reception.openAppeal')}
        </Button>
      }
    >
      {t('reception.saved')}{' '}
      <span data-testid="reception-number">
        {number ? t('reception.registered', { number }) : t('appeal.numberPending')}
      </span>
      {passport && (
        <Typography variant="body2" data-testid="reception-passport" sx={{ mt: 0.5 }}>
          {passport.state === 'refused'
            ? t('reception.passportHandOver.refused', {
                reason: t(`reception.passportHandOver.reasons.${passport.code}`, {
                  defaultValue: t('reception.passportHandOver.reasons.other'),
                }),
              })
            : t(`reception.passportHandOver.${passport.state}`)}
        </Typography>
      )}
    </Alert>
  );
}
