import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import ru from '../../../shared/i18n/ru/admin';
import { labelKey } from '../../../shared/model/labels';
import { isWorkingSubcategory } from '../../../shared/triage/working-category';
import {
  type AdminDepartment,
  type AdminUser,
  type JournalEntry,
  type JournalKind,
  journalKinds,
} from '../../api/admin';
import type { ApiFailure, TokenSource } from '../../api/client';
import { useFormatters } from '../../app/format';
import { roleLabel } from '../../app/role-label';
import { useT } from '../../app/translate';
import { AdminFailure } from './AdminFailure';
import { useAdminApi } from './admin-common';
import { type ChangeWords, changeLines, journalFilters } from './journal-format';
import { useOrganisationJournalWords } from './organisation-journal';

type KnownAction = Exclude<keyof (typeof ru)['journal']['actions'], 'other'>;
type KnownField = keyof (typeof ru)['journal']['fields'];
/** The field of a responsible department's change in the category map (server/src/triage/category-map.ts). */
const categoryDepartmentField = 'categoryDepartment.';

/** «Журнал администратора»: who changed what and when, old → new, filtered by date, kind and author. */
export function JournalTab({ tokens }: { tokens: TokenSource }) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const { formatDate } = useFormatters();
  const organisationWords = useOrganisationJournalWords();
  const { t: tLabel } = useT();
  // The category mapping's values (triage.categoryMap.*) are working subcategory codes: named in words.
  const subcategoryWords = (value: unknown) =>
    typeof value === 'string' && isWorkingSubcategory(value)
      ? `${tLabel(labelKey.category(value.split('.')[0] ?? value))} › ${tLabel(labelKey.subcategory(value))}`
      : undefined;
  // A working category («Дороги») or subcategory («Дороги › Ямы») code in words.
  const workingWords = (code: string) => subcategoryWords(code) ?? tLabel(labelKey.category(code));
  const api = useAdminApi(tokens);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<JournalKind | ''>('');
  const [actorId, setActorId] = useState('');
  const [entries, setEntries] = useState<JournalEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [departments, setDepartments] = useState<AdminDepartment[]>([]);

  const filters = useMemo(() => journalFilters({ from, to, kind, actorId }), [from, to, kind, actorId]);
  const load = useCallback(
    async (before?: string) => {
      const result = await api.journal(before ? { ...filters, before } : filters);
      if (!result.ok) return setFailure(result.error);
      setFailure(null);
      setEntries((shown) => (before ? [...(shown ?? []), ...result.value.entries] : result.value.entries));
      setNext(result.value.next);
    },
    [api, filters],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void api.users().then((result) => result.ok && setUsers(result.value));
    void api.departments().then((result) => result.ok && setDepartments(result.value));
  }, [api]);

  const words: ChangeWords = {
    field: (name) =>
      Object.hasOwn(ru.journal.fields, name)
        ? t(`journal.fields.${name as KnownField}`)
        : (organisationWords.field(name) ??
          // triage.autoRouting.set names its field `threshold.<working category>`
          (name.startsWith('threshold.')
            ? t('journal.autoRoutingThreshold', { category: tLabel(labelKey.category(name.slice(10))) })
            : // triage.categoryDepartment.* names its field `categoryDepartment.<working code>`
              name.startsWith(categoryDepartmentField)
              ? t('journal.categoryDepartment', {
                  category: workingWords(name.slice(categoryDepartmentField.length)),
                })
              : name)),
    setting: (name, value) =>
      organisationWords.setting(name, value) ??
      // A responsible department's values are department ids: named by their codes.
      (name.startsWith(categoryDepartmentField) && typeof value === 'string'
        ? (departments.find((d) => d.id === value)?.code ?? value)
        : subcategoryWords(value)),
    department: (id) => departments.find((d) => d.id === id)?.code ?? id,
    role: (role) => roleLabel(tApp, role),
    yes: t('journal.yes'),
    no: t('journal.no'),
    none: t('journal.none'),
    secret: t('journal.secret'),
    secretChanged: t('journal.secretChanged'),
    file: (bytes, sha256) => t('journal.file', { bytes, sha: sha256.slice(0, 12) }),
    change: (field, oldValue, newValue) => t('journal.change', { field, old: oldValue, new: newValue }),
    created: (field, newValue) => t('journal.created', { field, new: newValue }),
  };
  const actionText = (action: string) =>
    Object.hasOwn(ru.journal.actions, action) && action !== 'other'
      ? t(`journal.actions.${action as KnownAction}`)
      : t('journal.actions.other', { action });

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField
          type="date"
          label={t('journal.from')}
          value={from}
          onChange={(event) => setFrom(event.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'journal-from' } }}
        />
        <TextField
          type="date"
          label={t('journal.to')}
          value={to}
          onChange={(event) => setTo(event.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'journal-to' } }}
        />
        <TextField
          select
          label={t('journal.kind')}
          value={kind}
          onChange={(event) => setKind(event.target.value as JournalKind | '')}
          sx={{ minWidth: 180 }}
        >
          <MenuItem value="">{t('journal.anyKind')}</MenuItem>
          {journalKinds.map((candidate) => (
            <MenuItem key={candidate} value={candidate}>
              {t(`journal.kinds.${candidate}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label={t('journal.author')}
          value={actorId}
          onChange={(event) => setActorId(event.target.value)}
          sx={{ minWidth: 220 }}
        >
          <MenuItem value="">{t('journal.anyAuthor')}</MenuItem>
          {users
            .filter((user) => user.role === 'admin')
            .map((user) => (
              <MenuItem key={user.id} value={user.id}>
                {user.displayName}
              </MenuItem>
            ))}
        </TextField>
      </Stack>
      {failure && <AdminFailure failure={failure} onReload={() => void load()} />}
      {entries !== null && entries.length === 0 && <Alert severity="info">{t('journal.empty')}</Alert>}
      {entries !== null && entries.length > 0 && (
        <Paper variant="outlined">
          <List dense aria-label={t('tabs.journal')}>
            {entries.map((entry) => {
              const lines = changeLines(entry, words);
              const ended = entry.details.sessionsEnded ?? entry.details.ended;
              if (typeof ended === 'number' && ended > 0)
                lines.push(t('journal.sessionsEnded', { count: ended }));
              if (entry.details.mustChangePassword === true) lines.push(t('journal.mustChangePassword'));
              return (
                <ListItem key={entry.id} divider data-testid="journal-entry" data-action={entry.action}>
                  <ListItemText
                    primary={
                      <>
                        <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
                          {actionText(entry.action)}
                        </Typography>
                        {entry.entityLabel && (
                          <Typography
                            component="span"
                            variant="body2"
                          >{` · ${entry.entityLabel}`}</Typography>
                        )}
                      </>
                    }
                    secondary={
                      <>
                        <Typography component="span" variant="caption" sx={{ display: 'block' }}>
                          {`${formatDate(entry.at)} · ${entry.actorName ?? t('journal.system')}`}
                        </Typography>
                        {lines.map((line) => (
                          <Typography key={line} component="span" variant="caption" sx={{ display: 'block' }}>
                            {line}
                          </Typography>
                        ))}
                      </>
                    }
                  />
                </ListItem>
              );
            })}
          </List>
        </Paper>
      )}
      {next && (
        <Stack direction="row">
          <Button onClick={() => void load(next)}>{t('journal.more')}</Button>
        </Stack>
      )}
    </Stack>
  );
}
