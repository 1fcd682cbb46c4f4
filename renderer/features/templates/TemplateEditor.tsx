import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useRef, useState } from 'react';
import {
  checkAnswerTemplate,
  fillTemplate,
  type TemplateWriter,
  templateValues,
  templateWriteProblem,
} from '../../../shared/domain/answer-templates';
import { defaultCategoryCodes } from '../../../shared/domain/classifier/categories';
import type { DomainError } from '../../../shared/domain/result';
import {
  type AnswerTemplate,
  answerTemplateLimits,
  answerTemplatePlaceholders,
} from '../../../shared/model/answer-template';
import type { Appeal } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';
import type { Department } from '../../../shared/model/staff';
import { appealReference } from '../../app/appeal-reference';
import { useFormatters } from '../../app/format';
import { errorText, useT } from '../../app/translate';
import { useDatabase, useRxQuery } from '../../db/DatabaseProvider';
import { newDocumentId } from '../../db/ids';
import { insertPlaceholder, sampleValues } from './template-list';

interface Draft {
  title: string;
  body: string;
  departmentId: string;
  personal: boolean;
  categoryCode: string;
}

const organisationValue = '';

function draftOf(template: AnswerTemplate | null, writer: TemplateWriter): Draft {
  if (template) {
    return {
      title: template.title,
      body: template.body,
      departmentId: template.departmentId ?? organisationValue,
      personal: template.personal,
      categoryCode: template.categoryCode ?? '',
    };
  }
  // A new template of an operator starts personal; of a head, in their (first) department.
  const [ownDepartment] = writer.departmentIds;
  return {
    title: '',
    body: '',
    departmentId:
      writer.role === 'supervisor' || writer.role === 'admin' ? organisationValue : (ownDepartment ?? ''),
    personal: writer.role === 'operator',
    categoryCode: '',
  };
}

/**
 * Creating or changing one template: title, text with the placeholder palette, for whom (the
 * organisation or a department, personal or shared), the category it is offered first for, and the
 * preview filled from a sample or from an appeal of the local database. Saved into the local
 * database: the desktop pushes it on sync, and the server checks it again.
 */
export function TemplateEditor({
  template,
  writer,
  officialName,
  departments,
  onClose,
}: {
  template: AnswerTemplate | null;
  writer: TemplateWriter;
  officialName: string;
  departments: readonly Department[];
  onClose: (saved: boolean) => void;
}) {
  const { t } = useT();
  const db = useDatabase();
  const { formatDate } = useFormatters();
  const [draft, setDraft] = useState<Draft>(() => draftOf(template, writer));
  const [problem, setProblem] = useState<DomainError | null>(null);
  const [previewFrom, setPreviewFrom] = useState('sample');
  const [busy, setBusy] = useState(false);
  const body = useRef<HTMLTextAreaElement>(null);
  const { result: appealDocs } = useRxQuery(
    (db) => db.appeals.find({ sort: [{ receivedAt: 'desc' }], limit: 30 }),
    [],
  );
  const { result: organisation } = useRxQuery((db) => db.organisations.findOne(), []);
  const appeals = useMemo(() => (appealDocs?.map((doc) => doc.toJSON()) ?? []) as Appeal[], [appealDocs]);
  const departmentName = (id: string | null) => departments.find((d) => d.id === id)?.name ?? null;
  const previewAppeal = appeals.find((candidate) => candidate.id === previewFrom);
  const preview = fillTemplate(
    draft.body,
    previewAppeal
      ? templateValues(previewAppeal, {
          departmentName: departmentName(previewAppeal.departmentId),
          officialName,
          formatDate,
        })
      : sampleValues(t, formatDate, Date.now()),
  );

  const set = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setProblem(null);
  };

  function insert(name: string) {
    const input = body.current;
    const selection = input
      ? { start: input.selectionStart, end: input.selectionEnd }
      : { start: draft.body.length, end: draft.body.length };
    const next = insertPlaceholder(draft.body, name, selection);
    set({ body: next.text });
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(next.caret, next.caret);
    });
  }

  async function save() {
    const checked = checkAnswerTemplate(draft);
    if (!checked.ok) return setProblem(checked.error);
    const scope = {
      departmentId: draft.departmentId === organisationValue ? null : draft.departmentId,
      personal: draft.personal,
      authorId: template ? template.authorId : writer.userId,
    };
    const denied = templateWriteProblem(writer, template, scope);
    if (denied) return setProblem(denied);
    const fields = {
      title: draft.title.trim(),
      body: draft.body,
      categoryCode: draft.categoryCode === '' ? null : draft.categoryCode,
      ...scope,
      updatedAt: Date.now(),
    };
    setBusy(true);
    try {
      if (template) {
        const doc = await db.answerTemplates.findOne(template.id).exec();
        await doc?.incrementalPatch(fields);
      } else {
        // The server sets the organisation and the author again; they are filled here so the local copy is whole.
        await db.answerTemplates.insert({ id: newDocumentId(), orgId: organisation?.id ?? '', ...fields });
      }
      onClose(true);
    } finally {
      setBusy(false);
    }
  }

  const choosable = departments.filter(
    (d) => writer.role === 'supervisor' || writer.role === 'admin' || writer.departmentIds.includes(d.id),
  );
  return (
    <Dialog open onClose={() => onClose(false)} maxWidth="lg" fullWidth data-testid="template-editor">
      <DialogTitle>
        {template
          ? t('templates:editor.editTitle', { title: template.title })
          : t('templates:editor.newTitle')}
      </DialogTitle>
      <DialogContent>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ pt: 1 }}>
          <Stack spacing={2} sx={{ flex: 1, minWidth: 0 }}>
            <TextField
              label={t('templates:editor.title')}
              value={draft.title}
              onChange={(event) => set({ title: event.target.value })}
              helperText={t('templates:editor.titleHint', { max: answerTemplateLimits.title })}
              slotProps={{
                htmlInput: { 'data-testid': 'template-title', maxLength: answerTemplateLimits.title + 50 },
              }}
              autoFocus
            />
            <Stack direction="row" spacing={2}>
              <TextField
                select
                label={t('templates:editor.department')}
                value={draft.departmentId}
                onChange={(event) => set({ departmentId: event.target.value })}
                sx={{ flex: 1 }}
                slotProps={{
                  // '' is a value here («Вся организация»), not an empty field.
                  select: {
                    displayEmpty: true,
                    SelectDisplayProps: { 'data-testid': 'template-department' } as object,
                  },
                  inputLabel: { shrink: true },
                }}
              >
                <MenuItem value={organisationValue}>{t('templates:editor.organisation')}</MenuItem>
                {choosable.map((department) => (
                  <MenuItem key={department.id} value={department.id}>
                    {department.name}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                label={t('templates:editor.category')}
                value={draft.categoryCode}
                onChange={(event) => set({ categoryCode: event.target.value })}
                sx={{ flex: 1 }}
                slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              >
                <MenuItem value="">{t('templates:editor.anyCategory')}</MenuItem>
                {defaultCategoryCodes.map((code) => (
                  <MenuItem key={code} value={code}>
                    {t(labelKey.category(code))}
                  </MenuItem>
                ))}
              </TextField>
            </Stack>
            <FormControlLabel
              control={
                <Switch
                  checked={draft.personal}
                  onChange={(event) => set({ personal: event.target.checked })}
                  slotProps={{ input: { 'data-testid': 'template-personal' } as object }}
                />
              }
              label={t('templates:editor.personal')}
            />
            <TextField
              label={t('templates:editor.body')}
              value={draft.body}
              onChange={(event) => set({ body: event.target.value })}
              multiline
              minRows={8}
              maxRows={18}
              inputRef={body}
              helperText={t('templates:editor.bodyHint', { max: answerTemplateLimits.body })}
              slotProps={{ htmlInput: { 'data-testid': 'template-body' } }}
            />
            <Stack spacing={1}>
              <Typography variant="subtitle2">{t('templates:editor.palette')}</Typography>
              <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap' }}>
                {answerTemplatePlaceholders.map((name) => (
                  <Chip
                    key={name}
                    label={t(`templates:placeholder.${name}`)}
                    onClick={() => insert(name)}
                    variant="outlined"
                    data-testid={`template-placeholder-${name}`}
                  />
                ))}
              </Stack>
            </Stack>
          </Stack>
          <Stack spacing={2} sx={{ flex: 1, minWidth: 0 }}>
            <TextField
              select
              label={t('templates:editor.previewFrom')}
              value={previewFrom}
              onChange={(event) => setPreviewFrom(event.target.value)}
              slotProps={{
                select: { SelectDisplayProps: { 'data-testid': 'template-preview-from' } as object },
              }}
            >
              <MenuItem value="sample">{t('templates:editor.sample')}</MenuItem>
              {appeals.map((appeal) => (
                <MenuItem key={appeal.id} value={appeal.id}>
                  {appealReference(t, appeal, formatDate)} — {appeal.subject}
                </MenuItem>
              ))}
            </TextField>
            <Typography variant="subtitle2">{t('templates:editor.preview')}</Typography>
            <Paper
              variant="outlined"
              sx={{ p: 2, whiteSpace: 'pre-wrap', minHeight: 200, overflowWrap: 'anywhere' }}
              data-testid="template-preview"
            >
              {preview}
            </Paper>
          </Stack>
        </Stack>
        {problem && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="template-problem">
            {errorText(t, problem)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{t('templates:screen.cancel')}</Button>
        <Button variant="contained" onClick={save} disabled={busy} data-testid="template-save">
          {t('templates:editor.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
