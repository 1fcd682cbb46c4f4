import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { templateWriteProblem } from '../../../shared/domain/answer-templates';
import type { AnswerTemplate } from '../../../shared/model/answer-template';
import { labelKey } from '../../../shared/model/labels';
import type { Department } from '../../../shared/model/staff';
import type { SessionUser } from '../../api/client';
import { useFormatters } from '../../app/format';
import { useT } from '../../app/translate';
import { useDatabase, useRxQuery } from '../../db/DatabaseProvider';
import { TemplateEditor } from './TemplateEditor';
import { type DepartmentFilter, filterTemplates, type OwnerFilter, templateWriterOf } from './template-list';

type Editing = { template: AnswerTemplate | null } | null;

/**
 * «Шаблоны ответов»: the templates this official sees (the organisation's, their departments', their
 * own personal ones — the server pulls no others), filtered by department and whose, with create,
 * edit and delete where the rules allow (shared/domain/answer-templates.ts). Works offline: changes
 * go into the local database and are pushed on sync.
 */
export function TemplatesScreen({ user }: { user: SessionUser }) {
  const { t } = useT();
  const db = useDatabase();
  const { formatDate } = useFormatters();
  const writer = templateWriterOf(user);
  const [department, setDepartment] = useState<DepartmentFilter>('all');
  const [owner, setOwner] = useState<OwnerFilter>('all');
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<AnswerTemplate | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { result: templateDocs } = useRxQuery((db) => db.answerTemplates.find(), []);
  const { result: departmentDocs } = useRxQuery((db) => db.departments.find(), []);
  const departments = useMemo(
    () =>
      ((departmentDocs?.map((doc) => doc.toJSON()) ?? []) as Department[]).sort((a, b) =>
        a.name.localeCompare(b.name, 'ru'),
      ),
    [departmentDocs],
  );
  const templates = useMemo(
    () =>
      filterTemplates(
        (templateDocs?.map((doc) => doc.toJSON()) ?? []) as AnswerTemplate[],
        { department, owner },
        user.id,
      ),
    [templateDocs, department, owner, user.id],
  );
  const departmentName = (id: string) => departments.find((d) => d.id === id)?.name;
  const scopeLabel = (template: AnswerTemplate) =>
    template.departmentId === null
      ? t('templates:scope.organisation')
      : departmentName(template.departmentId)
        ? t('templates:scope.department', { name: departmentName(template.departmentId) })
        : t('templates:scope.unknownDepartment');
  const mayChange = (template: AnswerTemplate, after: AnswerTemplate | null) =>
    writer !== null && templateWriteProblem(writer, template, after) === null;

  async function remove(template: AnswerTemplate) {
    setDeleting(null);
    const doc = await db.answerTemplates.findOne(template.id).exec();
    await doc?.remove();
    setNotice(t('templates:screen.deleted'));
  }

  return (
    <Stack spacing={2} sx={{ p: 3, overflow: 'auto', flex: 1 }} data-testid="templates-screen">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('templates:screen.title')}
        </Typography>
        {writer && (
          <Button
            variant="contained"
            onClick={() => setEditing({ template: null })}
            data-testid="templates-new"
          >
            {t('templates:screen.create')}
          </Button>
        )}
      </Stack>
      <Typography color="text.secondary">{t('templates:screen.intro')}</Typography>
      <Stack direction="row" spacing={2}>
        <TextField
          select
          size="small"
          label={t('templates:screen.filterDepartment')}
          value={department}
          onChange={(event) => setDepartment(event.target.value)}
          sx={{ minWidth: 260 }}
          slotProps={{
            select: { SelectDisplayProps: { 'data-testid': 'templates-filter-department' } as object },
          }}
        >
          <MenuItem value="all">{t('templates:screen.allDepartments')}</MenuItem>
          <MenuItem value="organisation">{t('templates:screen.organisationOnly')}</MenuItem>
          {departments.map((d) => (
            <MenuItem key={d.id} value={d.id}>
              {d.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={t('templates:screen.filterOwner')}
          value={owner}
          onChange={(event) => setOwner(event.target.value as OwnerFilter)}
          sx={{ minWidth: 200 }}
          slotProps={{
            select: { SelectDisplayProps: { 'data-testid': 'templates-filter-owner' } as object },
          }}
        >
          <MenuItem value="all">{t('templates:screen.ownerAll')}</MenuItem>
          <MenuItem value="mine">{t('templates:screen.ownerMine')}</MenuItem>
          <MenuItem value="shared">{t('templates:screen.ownerShared')}</MenuItem>
        </TextField>
      </Stack>
      <Paper variant="outlined">
        {templates.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary" data-testid="templates-empty">
            {t('templates:screen.empty')}
          </Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('templates:editor.title')}</TableCell>
                <TableCell>{t('templates:editor.department')}</TableCell>
                <TableCell>{t('templates:editor.category')}</TableCell>
                <TableCell>{t('templates:editor.body')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {templates.map((template) => (
                <TableRow key={template.id} data-testid={`template-row-${template.id}`}>
                  <TableCell sx={{ fontWeight: 500 }}>{template.title}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <span>{scopeLabel(template)}</span>
                      {template.personal && <Chip size="small" label={t('templates:scope.personal')} />}
                    </Stack>
                  </TableCell>
                  <TableCell>
                    {template.categoryCode
                      ? t(labelKey.category(template.categoryCode))
                      : t('templates:editor.anyCategory')}
                  </TableCell>
                  <TableCell
                    sx={{ maxWidth: 420, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                    title={`${template.body}\n\n${formatDate(template.updatedAt)}`}
                  >
                    {template.body}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {mayChange(template, template) && (
                      <Button size="small" onClick={() => setEditing({ template })}>
                        {t('templates:screen.edit')}
                      </Button>
                    )}
                    {mayChange(template, null) && (
                      <Button size="small" color="error" onClick={() => setDeleting(template)}>
                        {t('templates:screen.delete')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
      {editing && writer && (
        <TemplateEditor
          template={editing.template}
          writer={writer}
          officialName={user.fullName}
          departments={departments}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setNotice(t('templates:screen.saved'));
          }}
        />
      )}
      {deleting && (
        <Dialog open onClose={() => setDeleting(null)}>
          <DialogContent>{t('templates:screen.deleteConfirm', { title: deleting.title })}</DialogContent>
          <DialogActions>
            <Button onClick={() => setDeleting(null)}>{t('templates:screen.cancel')}</Button>
            <Button color="error" onClick={() => remove(deleting)} data-testid="template-delete-confirm">
              {t('templates:screen.delete')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)}>
        <Alert severity="success" onClose={() => setNotice(null)} data-testid="templates-notice">
          {notice}
        </Alert>
      </Snackbar>
    </Stack>
  );
}
