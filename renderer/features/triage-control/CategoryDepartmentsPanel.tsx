import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { defaultWorkingCategories } from '../../../shared/domain/classifier/categories';
import { type Department, departmentsToPick } from '../../../shared/model/staff';
import type { CategoryDepartment } from '../../api/triage-control';

/**
 * The category map's responsible departments («ответственный отдел», issue 13): one per working
 * category, and a subcategory may name its own (it wins over its category's). Until the organisation's
 * department learner is confident about such appeals, a new appeal of that category — through a
 * channel, or a reception entry offline — is suggested this department. A choice saves at once; «не
 * задан» removes it.
 */
export function CategoryDepartmentsPanel({
  chosen,
  departments,
  categoryLabel,
  subcategoryLabel,
  departmentName,
  onSet,
  onRemove,
}: {
  chosen: readonly CategoryDepartment[];
  departments: readonly Department[];
  categoryLabel: (category: string) => string;
  /** The subcategory's own label (without its category). */
  subcategoryLabel: (subcategory: string) => string;
  departmentName: (id: string) => string;
  onSet: (code: string, departmentId: string) => void;
  onRemove: (code: string) => void;
}) {
  const { t } = useTranslation('triageControl');
  const departmentOf = (code: string) => chosen.find((row) => row.category === code)?.departmentId ?? '';
  const nameOf = (id: string) => {
    const department = departments.find((d) => d.id === id);
    return department?.disabled
      ? t('departments.disabled', { department: departmentName(id) })
      : departmentName(id);
  };

  const row = (code: string, label: string, inherited: string | null) => {
    const value = departmentOf(code);
    // Those in use, and the one chosen even if disabled since (shown as such, not offered anew).
    const choices = departmentsToPick(departments, value ? [value] : []);
    return (
      <TableRow key={code} data-testid="triage-category-department" data-category={code}>
        <TableCell sx={inherited === null ? { fontWeight: 600 } : { pl: 4 }}>{label}</TableCell>
        <TableCell>
          <TextField
            select
            size="small"
            value={value}
            onChange={(event) =>
              event.target.value ? onSet(code, event.target.value) : value && onRemove(code)
            }
            sx={{ minWidth: 320 }}
            slotProps={{
              select: { displayEmpty: true },
              htmlInput: { 'aria-label': `${t('departments.department')}: ${label}` },
            }}
          >
            <MenuItem value="">
              <em>
                {inherited
                  ? t('departments.asCategory', { department: nameOf(inherited) })
                  : t('departments.none')}
              </em>
            </MenuItem>
            {choices.map((department) => (
              <MenuItem key={department.id} value={department.id}>
                {nameOf(department.id)}
              </MenuItem>
            ))}
          </TextField>
        </TableCell>
      </TableRow>
    );
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="triage-category-departments">
      <Stack spacing={1}>
        <Typography variant="h6" component="h2">
          {t('departments.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('departments.hint')}
        </Typography>
        <Table size="small" aria-label={t('departments.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('departments.category')}</TableCell>
              <TableCell>{t('departments.department')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {defaultWorkingCategories.flatMap((category) => {
              const own = departmentOf(category.code);
              return [
                row(category.code, categoryLabel(category.code), null),
                ...category.subcategories.map((code) => row(code, subcategoryLabel(code), own || '')),
              ];
            })}
          </TableBody>
        </Table>
      </Stack>
    </Paper>
  );
}
