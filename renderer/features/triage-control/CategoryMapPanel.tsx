import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import ListSubheader from '@mui/material/ListSubheader';
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
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultWorkingCategories } from '../../../shared/domain/classifier/categories';
import type { CategoryMapRow } from '../../api/triage-control';
import { filterMapRows } from './control';

/** The working subcategories to choose from, under their categories. */
function subcategoryChoices(categoryLabel: (code: string) => string, label: (code: string) => string) {
  return defaultWorkingCategories.flatMap((category) => [
    <ListSubheader key={`category:${category.code}`}>{categoryLabel(category.code)}</ListSubheader>,
    ...category.subcategories.map((code) => (
      <MenuItem key={code} value={code}>
        {label(code)}
      </MenuItem>
    )),
  ]);
}

/**
 * The category mapping: each portal (ПОС) subcategory the model suggests → the organisation's working
 * subcategory. A choice saves at once; an edited row can go back to the default.
 */
export function CategoryMapPanel({
  rows,
  label,
  categoryLabel,
  onSet,
  onReset,
}: {
  rows: readonly CategoryMapRow[];
  /** «Категория › Подкатегория» of a working subcategory code */
  label: (subcategory: string) => string;
  categoryLabel: (category: string) => string;
  onSet: (row: CategoryMapRow, subcategory: string) => void;
  onReset: (row: CategoryMapRow) => void;
}) {
  const { t } = useTranslation('triageControl');
  const [query, setQuery] = useState('');
  const [onlyEdited, setOnlyEdited] = useState(false);
  const shown = useMemo(
    () => filterMapRows(rows, query, onlyEdited, label),
    [rows, query, onlyEdited, label],
  );
  const choices = useMemo(() => subcategoryChoices(categoryLabel, label), [categoryLabel, label]);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="triage-category-map">
      <Stack spacing={1}>
        <Typography variant="h6" component="h2">
          {t('map.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('map.hint')}
        </Typography>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <TextField
            size="small"
            label={t('map.filter')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            sx={{ minWidth: 320 }}
            slotProps={{ htmlInput: { 'data-testid': 'triage-map-filter' } }}
          />
          <FormControlLabel
            control={
              <Checkbox checked={onlyEdited} onChange={(event) => setOnlyEdited(event.target.checked)} />
            }
            label={t('map.onlyEdited')}
          />
          <Typography variant="body2" color="text.secondary">
            {t('map.shown', { shown: shown.length, total: rows.length })}
          </Typography>
        </Stack>
        {shown.length === 0 ? (
          <Typography variant="body2">{t('map.empty')}</Typography>
        ) : (
          <Table size="small" aria-label={t('map.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('map.portal')}</TableCell>
                <TableCell>{t('map.working')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((row) => (
                <TableRow key={row.portal} data-testid="triage-map-row" data-portal={row.portal}>
                  <TableCell sx={{ maxWidth: 420 }}>
                    {row.portal}
                    {row.edited && <Chip size="small" sx={{ ml: 1 }} label={t('map.edited')} />}
                  </TableCell>
                  <TableCell>
                    <TextField
                      select
                      size="small"
                      value={row.subcategory}
                      onChange={(event) => event.target.value && onSet(row, event.target.value)}
                      helperText={
                        row.edited ? t('map.byDefault', { label: label(row.defaultSubcategory) }) : ' '
                      }
                      sx={{ minWidth: 320 }}
                      slotProps={{ htmlInput: { 'aria-label': `${t('map.working')}: ${row.portal}` } }}
                    >
                      {choices}
                    </TextField>
                  </TableCell>
                  <TableCell>
                    {row.edited && (
                      <Button size="small" onClick={() => onReset(row)}>
                        {t('map.reset')}
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
