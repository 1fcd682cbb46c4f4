import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultCategoryCodes } from '../../../shared/domain/classifier/categories';
import { labelKey } from '../../../shared/model/labels';
import {
  type AppealStatus,
  type Channel,
  channels,
  type Regime,
  regimes,
} from '../../../shared/model/vocabulary';
import {
  deadlineWindows,
  type InboxFilters,
  type InboxView,
  inboxViews,
  noFilters,
  openStatuses,
} from './inbox-query';
import type { ViewCounts } from './use-view-counts';

type AnyT = (key: string) => string;

interface Option {
  readonly value: string;
  readonly label: string;
}

/** A filter of several values: nothing chosen reads «Все» and does not filter. */
function FilterSelect({
  label,
  values,
  options,
  onChange,
  testId,
}: {
  label: string;
  values: readonly string[];
  options: readonly Option[];
  onChange: (values: string[]) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const id = `inbox-filter-${testId}`;
  const labelOf = (value: string) => options.find((option) => option.value === value)?.label ?? value;
  return (
    <FormControl size="small" fullWidth>
      <InputLabel id={`${id}-label`} shrink>
        {label}
      </InputLabel>
      <Select
        multiple
        displayEmpty
        notched
        labelId={`${id}-label`}
        id={id}
        label={label}
        value={[...values]}
        renderValue={(chosen) =>
          chosen.length === 0 ? t('inbox.filters.any') : chosen.map(labelOf).join(', ')
        }
        onChange={(event) => {
          const value = event.target.value;
          onChange(typeof value === 'string' ? value.split(',') : value);
        }}
        data-testid={id}
      >
        {options.map((option) => (
          <MenuItem key={option.value} value={option.value}>
            <Checkbox size="small" checked={values.includes(option.value)} sx={{ p: 0, mr: 1 }} />
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** The one-value filter of the deadline window. */
function WindowSelect({
  value,
  onChange,
}: {
  value: InboxFilters['deadline'];
  onChange: (value: InboxFilters['deadline']) => void;
}) {
  const { t } = useTranslation();
  const id = 'inbox-filter-deadline';
  return (
    <FormControl size="small" fullWidth>
      <InputLabel id={`${id}-label`}>{t('inbox.filters.deadline')}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={t('inbox.filters.deadline')}
        value={value ?? '*'}
        onChange={(event) =>
          onChange(event.target.value === '*' ? null : (event.target.value as InboxFilters['deadline']))
        }
        data-testid={id}
      >
        <MenuItem value="*">{t('inbox.filters.any')}</MenuItem>
        {deadlineWindows.map((w) => (
          <MenuItem key={w} value={w}>
            {t(`inbox.filters.windows.${w}`)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Memoised: the inbox re-renders on every read (busy, rows, count); the sidebar only when its props change. */
export const InboxSidebar = memo(function InboxSidebar({
  view,
  counts,
  filters,
  onView,
  onFilters,
  departments,
  users,
  savedFilters,
}: {
  view: InboxView;
  /** Appeals in each view under the filters (absent until counted). */
  counts: ViewCounts;
  filters: InboxFilters;
  onView: (view: InboxView) => void;
  onFilters: (filters: InboxFilters) => void;
  departments: readonly Option[];
  users: readonly Option[];
  /** «Мои фильтры» (SavedFilters), above the filters. */
  savedFilters: ReactNode;
}) {
  const { t } = useTranslation();
  const tt = t as unknown as AnyT;
  const set = (patch: Partial<InboxFilters>) => onFilters({ ...filters, ...patch });
  const viewLabel = (v: InboxView) => t(`inbox.views.${v}`);
  return (
    <Stack
      component="nav"
      aria-label={t('inbox.views.label')}
      spacing={1.5}
      sx={{ p: 1.5, overflowY: 'auto' }}
    >
      <div>
        <Typography variant="overline" color="text.secondary" component="h2">
          {t('inbox.views.label')}
        </Typography>
        <List dense disablePadding>
          {inboxViews.map((v) => (
            <ListItemButton
              key={v}
              sx={{ py: 0.25 }}
              selected={v === view}
              onClick={() => onView(v)}
              aria-current={v === view ? 'true' : undefined}
            >
              <ListItemText primary={viewLabel(v)} />
              {counts[v] !== undefined && (
                <Typography variant="caption" color="text.secondary" data-testid={`view-count-${v}`}>
                  {counts[v]}
                </Typography>
              )}
              {v === 'forwarding' && (counts.forwardingOverdue ?? 0) > 0 && (
                <Typography
                  variant="caption"
                  color="error"
                  sx={{ ml: 1 }}
                  data-testid="view-count-forwarding-overdue"
                >
                  {t('inbox.views.forwardingOverdue', { count: counts.forwardingOverdue ?? 0 })}
                </Typography>
              )}
            </ListItemButton>
          ))}
        </List>
      </div>
      {/* Two columns: at 1280×720 every filter stays in sight under the views (issue 11). */}
      <Box
        component="section"
        aria-label={t('inbox.filters.label')}
        sx={{
          display: 'grid',
          gridTemplateColumns: '1fr 1fr',
          gap: 1,
          '& > h2, & > button': { gridColumn: '1 / -1' },
        }}
      >
        <Typography variant="overline" color="text.secondary" component="h2">
          {t('inbox.filters.label')}
        </Typography>
        {savedFilters}
        <FilterSelect
          testId="channel"
          label={t('inbox.filters.channel')}
          values={filters.channels}
          options={channels.map((c) => ({ value: c, label: tt(labelKey.channel(c)) }))}
          onChange={(values) => set({ channels: values as Channel[] })}
        />
        <FilterSelect
          testId="regime"
          label={t('inbox.filters.regime')}
          values={filters.regimes}
          options={regimes.map((r) => ({ value: r, label: tt(labelKey.regime(r)) }))}
          onChange={(values) => set({ regimes: values as Regime[] })}
        />
        <FilterSelect
          testId="status"
          label={t('inbox.filters.status')}
          values={filters.statuses}
          options={openStatuses.map((s) => ({ value: s, label: tt(labelKey.status(s)) }))}
          onChange={(values) => set({ statuses: values as AppealStatus[] })}
        />
        <FilterSelect
          testId="department"
          label={t('inbox.filters.department')}
          values={filters.departmentIds}
          options={departments}
          onChange={(values) => set({ departmentIds: values })}
        />
        <FilterSelect
          testId="assignee"
          label={t('inbox.filters.assignee')}
          values={filters.assigneeIds.map((id) => (id === '' ? '-' : id))}
          options={[{ value: '-', label: t('inbox.filters.unassigned') }, ...users]}
          onChange={(values) => set({ assigneeIds: values.map((id) => (id === '-' ? '' : id)) })}
        />
        <FilterSelect
          testId="category"
          label={t('inbox.filters.category')}
          values={filters.categories}
          options={defaultCategoryCodes.map((c) => ({ value: c, label: tt(labelKey.category(c)) }))}
          onChange={(values) => set({ categories: values })}
        />
        <WindowSelect value={filters.deadline} onChange={(deadline) => set({ deadline })} />
        <Button size="small" onClick={() => onFilters(noFilters)}>
          {t('inbox.filters.reset')}
        </Button>
      </Box>
    </Stack>
  );
});

/**
 * The active filters in words («Канал: ВКонтакте»), for the empty list to say what it searched
 * (issue 11: an empty result names the query and the filters).
 */
export function activeFilterLabels(
  t: AnyT,
  filters: InboxFilters,
  departments: readonly Option[],
  users: readonly Option[],
): string[] {
  const named = (options: readonly Option[], value: string) =>
    options.find((option) => option.value === value)?.label ?? value;
  const labels: string[] = [];
  const add = (label: string, value: string) => labels.push(`${t(label)}: ${value}`);
  const list = (label: string, values: readonly string[], name: (value: string) => string) => {
    if (values.length > 0) add(label, values.map(name).join(', '));
  };
  list('inbox.filters.channel', filters.channels, (c) => t(labelKey.channel(c as Channel)));
  list('inbox.filters.regime', filters.regimes, (r) => t(labelKey.regime(r as Regime)));
  list('inbox.filters.status', filters.statuses, (s) => t(labelKey.status(s as AppealStatus)));
  list('inbox.filters.department', filters.departmentIds, (id) => named(departments, id));
  list('inbox.filters.assignee', filters.assigneeIds, (id) =>
    id === '' ? t('inbox.filters.unassigned') : named(users, id),
  );
  list('inbox.filters.category', filters.categories, (c) => t(labelKey.category(c)));
  if (filters.deadline) add('inbox.filters.deadline', t(`inbox.filters.windows.${filters.deadline}`));
  return labels;
}
