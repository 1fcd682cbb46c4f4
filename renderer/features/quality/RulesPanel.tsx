import Checkbox from '@mui/material/Checkbox';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/model/staff';
import { regimes } from '../../../shared/model/vocabulary';
import type { ApprovalRule } from '../../api/quality';

/** «Настройка согласования»: per department and regime, whether answers wait for the head's approval. */
export function RulesPanel({
  departments,
  rules,
  onChange,
}: {
  departments: readonly Department[];
  rules: readonly ApprovalRule[];
  onChange: (departmentId: string, regime: string, required: boolean) => void;
}) {
  const { t } = useTranslation('quality');
  const required = (departmentId: string, regime: string) =>
    rules.some((rule) => rule.departmentId === departmentId && rule.regime === regime);
  return (
    <>
      <Typography variant="body2" color="text.secondary">
        {t('approval.rulesIntro')}
      </Typography>
      <Table size="small" data-testid="approval-rules">
        <TableHead>
          <TableRow>
            <TableCell>{t('approval.department')}</TableCell>
            {regimes.map((regime) => (
              <TableCell key={regime} align="center">
                {t(`approval.regime.${regime}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {departments.map((department) => (
            <TableRow key={department.id}>
              <TableCell>
                {department.code} {department.name}
              </TableCell>
              {regimes.map((regime) => (
                <TableCell key={regime} align="center">
                  <Checkbox
                    checked={required(department.id, regime)}
                    onChange={(event) => onChange(department.id, regime, event.target.checked)}
                    slotProps={{
                      input: { 'aria-label': `${department.code} ${t(`approval.regime.${regime}`)}` },
                    }}
                  />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
