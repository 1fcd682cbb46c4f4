import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultCategoryCodes } from '../../../shared/domain/classifier/categories';
import { labelKey } from '../../../shared/model/labels';
import { channels, regimes } from '../../../shared/model/vocabulary';
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

function FilterSelect({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: string | null;
  options: readonly Option[];
  onChange: (value: string | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const id = `inbox-filter-${testId}`;
  return (
    <FormControl size="small" fullWidth>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={label}
        value={value ?? '*'}
        onChange={(event) => onChange(event.target.value === '*' ? null : String(event.target.value))}
        data-testid={id}
      >
        <MenuItem value="*">{t('inbox.filters.any')}</MenuItem>
        {options.map((option) => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
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
}: {
  view: InboxView;
  /** Appeals in each view under the filters (absent until counted). */
  counts: ViewCounts;
  filters: InboxFilters;
  onView: (view: InboxView) => void;
  onFilters: (filters: InboxFilters) => void;
  departments: readonly Option[];
  users: readonly Option[];
}) {
  const { t } = useTranslation();
  const tt = t as unknown as AnyT;
  const set = (patch: Partial<InboxFilters>) => onFilters({ ...filters, ...patch });
  const viewLabel = (v: InboxView) => t(`inbox.views.${v}`);
  return (
    <Stack component="nav" aria-label={t('inbox.views.label')} spacing={2} sx={{ p: 2, overflowY: 'auto' }}>
      <div>
        <Typography variant="overline" color="text.secondary" component="h2">
          {t('inbox.views.label')}
        </Typography>
        <List dense disablePadding>
          {inboxViews.map((v) => (
            <ListItemButton
              key={v}
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
            </ListItemButton>
          ))}
        </List>
      </div>
      <Stack spacing={1.5} component="section" aria-label={t('inbox.filters.label')}>
        <Typography variant="overline" color="text.secondary" component="h2">
          {t('inbox.filters.label')}
        </Typography>
        <FilterSelect
          testId="channel"
          label={t('inbox.filters.channel')}
          value={filters.channel}
          options={channels.map((c) => ({ value: c, label: tt(labelKey.channel(c)) }))}
          onChange={(value) => set({ channel: value as InboxFilters['channel'] })}
        />
        <FilterSelect
          testId="regime"
          label={t('inbox.filters.regime')}
          value={filters.regime}
          options={regimes.map((r) => ({ value: r, label: tt(labelKey.regime(r)) }))}
          onChange={(value) => set({ regime: value as InboxFilters['regime'] })}
        />
        <FilterSelect
          testId="status"
          label={t('inbox.filters.status')}
          value={filters.status}
          options={openStatuses.map((s) => ({ value: s, label: tt(labelKey.status(s)) }))}
          onChange={(value) => set({ status: value as InboxFilters['status'] })}
        />
        <FilterSelect
          testId="department"
          label={t('inbox.filters.department')}
          value={filters.departmentId}
          options={departments}
          onChange={(value) => set({ departmentId: value })}
        />
        <FilterSelect
          testId="assignee"
          label={t('inbox.filters.assignee')}
          value={filters.assigneeId === '' ? '-' : filters.assigneeId}
          options={[{ value: '-', label: t('inbox.filters.unassigned') }, ...users]}
          onChange={(value) => set({ assigneeId: value === '-' ? '' : value })}
        />
        <FilterSelect
          testId="category"
          label={t('inbox.filters.category')}
          value={filters.category}
          options={defaultCategoryCodes.map((c) => ({ value: c, label: tt(labelKey.category(c)) }))}
          onChange={(value) => set({ category: value })}
        />
        <FilterSelect
          testId="deadline"
          label={t('inbox.filters.deadline')}
          value={filters.deadline}
          options={deadlineWindows.map((w) => ({ value: w, label: t(`inbox.filters.windows.${w}`) }))}
          onChange={(value) => set({ deadline: value as InboxFilters['deadline'] })}
        />
        <Button size="small" onClick={() => onFilters(noFilters)}>
          {t('inbox.filters.reset')}
        </Button>
      </Stack>
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
  if (filters.channel) add('inbox.filters.channel', t(labelKey.channel(filters.channel)));
  if (filters.regime) add('inbox.filters.regime', t(labelKey.regime(filters.regime)));
  if (filters.status) add('inbox.filters.status', t(labelKey.status(filters.status)));
  if (filters.departmentId) add('inbox.filters.department', named(departments, filters.departmentId));
  if (filters.assigneeId !== null)
    add(
      'inbox.filters.assignee',
      filters.assigneeId === '' ? t('inbox.filters.unassigned') : named(users, filters.assigneeId),
    );
  if (filters.category) add('inbox.filters.category', t(labelKey.category(filters.category)));
  if (filters.deadline) add('inbox.filters.deadline', t(`inbox.filters.windows.${filters.deadline}`));
  return labels;
}
