import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { AutoDecision } from '../../api/triage-control';
import { percentOf } from './control';

/** The latest automatic routing decisions, each with what became of it and «Отменить» while it stands. */
export function DecisionsPanel({
  decisions,
  departmentName,
  formatDate,
  onUndo,
  onOpenAppeal,
}: {
  decisions: readonly AutoDecision[];
  departmentName: (id: string) => string;
  formatDate: (epochMs: number) => string;
  onUndo: (decision: AutoDecision) => void;
  onOpenAppeal: (appealId: string) => void;
}) {
  const { t } = useTranslation('triageControl');
  const outcome = (decision: AutoDecision) =>
    decision.outcome === 'undone'
      ? t('decisions.outcomes.undone', {
          by: decision.undoneBy ? t('decisions.by', { name: decision.undoneBy }) : '',
        })
      : t(`decisions.outcomes.${decision.outcome}`);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="triage-decisions">
      <Stack spacing={1}>
        <Typography variant="h6" component="h2">
          {t('decisions.title')}
        </Typography>
        {decisions.length === 0 ? (
          <Typography variant="body2">{t('decisions.empty')}</Typography>
        ) : (
          <Table size="small" aria-label={t('decisions.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('decisions.appeal')}</TableCell>
                <TableCell>{t('decisions.when')}</TableCell>
                <TableCell>{t('decisions.route')}</TableCell>
                <TableCell align="right">{t('decisions.confidence')}</TableCell>
                <TableCell>{t('decisions.outcome')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {decisions.map((decision) => (
                <TableRow key={decision.appealId} data-testid={`triage-decision-${decision.appealId}`}>
                  <TableCell>
                    <Link component="button" type="button" onClick={() => onOpenAppeal(decision.appealId)}>
                      {[decision.registrationNumber, decision.subject || t('decisions.noSubject')]
                        .filter(Boolean)
                        .join(' · ')}
                    </Link>
                  </TableCell>
                  <TableCell>{formatDate(decision.decidedAt)}</TableCell>
                  <TableCell>
                    {t('decisions.from', {
                      from: departmentName(decision.fromDepartmentId),
                      to: departmentName(decision.toDepartmentId),
                    })}
                  </TableCell>
                  <TableCell align="right">
                    {percentOf(decision.confidence)} % ≥ {percentOf(decision.threshold)} %
                  </TableCell>
                  <TableCell data-testid="triage-decision-outcome">{outcome(decision)}</TableCell>
                  <TableCell>
                    {decision.outcome === 'standing' && (
                      <Button size="small" color="warning" onClick={() => onUndo(decision)}>
                        {t('decisions.undo')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
