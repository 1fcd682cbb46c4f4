import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
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
import { type ChangeEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TokenSource } from '../../api/client';
import { useT } from '../../app/translate';
import { namesOf, type Territory, type TerritoryRefusal, territoriesApi } from './territories-api';

type Translate = ReturnType<typeof useT>['t'];

const knownRefusals = new Set([
  'territory_exists',
  'territory_has_settlements',
  'territory_invalid',
  'territory_not_found',
]);

/** The refusal in words: a file's problem or every bad row of it. */
function territoryRefusalText(t: Translate, refusal: TerritoryRefusal): string {
  if (refusal.code === 'territories_invalid') {
    const file = refusal.details.file;
    if (typeof file === 'string') return t(`control:territories.refused.file.${file}`);
    const rows = Array.isArray(refusal.details.rows) ? refusal.details.rows : [];
    const lines = rows.map((row) => {
      const { row: number, problem } = row as { row: number; problem: string };
      return t('control:territories.refused.row', {
        row: number,
        problem: t(`control:territories.refused.problem.${problem}`),
      });
    });
    return `${t('control:territories.refused.rows')} ${lines.join('; ')}`;
  }
  if (refusal.code === 'network') return t('control:failed');
  return knownRefusals.has(refusal.code)
    ? t(`control:territories.refused.${refusal.code}`)
    : t('control:territories.refused.other');
}

interface Draft {
  id: string | null;
  kind: 'district' | 'settlement';
  parentId: string;
  name: string;
  variants: string;
  streets: string;
}

const emptyDraft = (kind: Draft['kind']): Draft => ({
  id: null,
  kind,
  parentId: '',
  name: '',
  variants: '',
  streets: '',
});

/**
 * «Территории»: the organisation's districts and settlements with other names and streets, by hand or
 * from a CSV/XLSX file; the server places every appeal in one (server/src/control/facts-job.ts).
 */
export function TerritoriesTab({ tokens }: { tokens: TokenSource }) {
  const { t } = useT();
  const api = useMemo(() => territoriesApi(tokens), [tokens]);
  const [territories, setTerritories] = useState<Territory[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const result = await api.list();
    if (result.ok) setTerritories(result.value);
    else setNotice({ severity: 'error', text: territoryRefusalText(t, result.error) });
  }, [api, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const districts = territories.filter((territory) => territory.kind === 'district');
  const nameOf = (id: string | null) => territories.find((territory) => territory.id === id)?.name ?? '';
  const ordered = [
    ...districts.flatMap((district) => [
      district,
      ...territories.filter((territory) => territory.parentId === district.id),
    ]),
    ...territories.filter((territory) => territory.kind === 'settlement' && !territory.parentId),
  ];

  const done = async (result: { ok: true } | { ok: false; error: TerritoryRefusal }, text: string) => {
    if (!result.ok) return setNotice({ severity: 'error', text: territoryRefusalText(t, result.error) });
    setNotice({ severity: 'success', text });
    setDraft(null);
    await load();
  };

  const save = async () => {
    if (!draft) return;
    const card = {
      parentId: draft.kind === 'settlement' && draft.parentId ? draft.parentId : null,
      name: draft.name.trim(),
      variants: namesOf(draft.variants),
      streets: namesOf(draft.streets),
    };
    const result = draft.id
      ? await api.update(draft.id, card)
      : await api.create({ ...card, kind: draft.kind });
    await done(result, t('control:territories.saved'));
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const result = await api.importFile(file);
    await done(result, result.ok ? t('control:territories.imported', result.value) : '');
  };

  return (
    <Stack sx={{ gap: 2, maxWidth: 1100 }}>
      <Typography variant="h6" component="h2">
        {t('control:territories.title')}
      </Typography>
      <Typography variant="body2">{t('control:territories.intro')}</Typography>
      {notice && (
        <Alert severity={notice.severity} onClose={() => setNotice(null)} data-testid="territories-notice">
          {notice.text}
        </Alert>
      )}
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
        <Button variant="outlined" onClick={() => setDraft(emptyDraft('district'))}>
          {t('control:territories.addDistrict')}
        </Button>
        <Button variant="outlined" onClick={() => setDraft(emptyDraft('settlement'))}>
          {t('control:territories.addSettlement')}
        </Button>
        <Button variant="outlined" onClick={() => fileInput.current?.click()}>
          {t('control:territories.import')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          hidden
          accept=".csv,.xlsx,text/csv"
          data-testid="territories-file"
          onChange={(event) => void upload(event)}
        />
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {t('control:territories.importHint')}
      </Typography>
      {draft && (
        <Paper variant="outlined" sx={{ p: 2 }} component="form" aria-label={t('control:territories.edit')}>
          <Stack sx={{ gap: 2 }}>
            <TextField
              label={t('control:territories.name')}
              value={draft.name}
              required
              onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            />
            {draft.kind === 'settlement' && (
              <TextField
                select
                label={t('control:territories.parent')}
                value={draft.parentId}
                onChange={(event) => setDraft({ ...draft, parentId: event.target.value })}
              >
                <MenuItem value="">{t('control:territories.noParent')}</MenuItem>
                {districts.map((district) => (
                  <MenuItem key={district.id} value={district.id}>
                    {district.name}
                  </MenuItem>
                ))}
              </TextField>
            )}
            <TextField
              label={t('control:territories.variants')}
              helperText={t('control:territories.variantsHint')}
              value={draft.variants}
              onChange={(event) => setDraft({ ...draft, variants: event.target.value })}
            />
            <TextField
              label={t('control:territories.streets')}
              helperText={t('control:territories.streetsHint')}
              value={draft.streets}
              onChange={(event) => setDraft({ ...draft, streets: event.target.value })}
            />
            <Stack direction="row" sx={{ gap: 1 }}>
              <Button variant="contained" disabled={!draft.name.trim()} onClick={() => void save()}>
                {t('control:territories.save')}
              </Button>
              <Button onClick={() => setDraft(null)}>{t('control:territories.cancel')}</Button>
            </Stack>
          </Stack>
        </Paper>
      )}
      {ordered.length === 0 ? (
        <Typography>{t('control:territories.empty')}</Typography>
      ) : (
        <Table size="small" aria-label={t('control:territories.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('control:territories.name')}</TableCell>
              <TableCell>{t('control:territories.kind')}</TableCell>
              <TableCell>{t('control:territories.variants')}</TableCell>
              <TableCell>{t('control:territories.streets')}</TableCell>
              <TableCell align="right">{t('control:territories.appeals')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {ordered.map((territory) => (
              <TableRow key={territory.id} data-testid="territory-row">
                <TableCell sx={{ pl: territory.parentId ? 4 : 1 }}>{territory.name}</TableCell>
                <TableCell>
                  {territory.kind === 'district'
                    ? t('control:territories.district')
                    : `${t('control:territories.settlement')}${territory.parentId ? ` · ${nameOf(territory.parentId)}` : ''}`}
                </TableCell>
                <TableCell>{territory.variants.join(', ')}</TableCell>
                <TableCell>{territory.streets.join(', ')}</TableCell>
                <TableCell align="right">{territory.appeals}</TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    onClick={() =>
                      setDraft({
                        id: territory.id,
                        kind: territory.kind,
                        parentId: territory.parentId ?? '',
                        name: territory.name,
                        variants: territory.variants.join(', '),
                        streets: territory.streets.join(', '),
                      })
                    }
                  >
                    {t('control:territories.edit')}
                  </Button>
                  <Button
                    size="small"
                    color="error"
                    onClick={() => {
                      if (window.confirm(t('control:territories.removeConfirm', { name: territory.name })))
                        void api
                          .remove(territory.id)
                          .then((result) => done(result, t('control:territories.saved')));
                    }}
                  >
                    {t('control:territories.remove')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}
