import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type ChangeEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenSource } from '../../api/client';
import {
  type AdminLetterhead,
  type AdminRefusal,
  type LetterheadText,
  letterheadApi,
  type Signatory,
} from '../../api/letterhead';
import { saveFile } from '../../api/letters';
import { useServices } from '../../app/services';
import { letterheadRefusalText, moveSignatory, outgoingExample } from './letterhead-form';

type Translate = (key: string, params?: Record<string, unknown>) => string;

const textOf = (letterhead: AdminLetterhead): LetterheadText => ({
  fullName: letterhead.fullName,
  address: letterhead.address,
  contacts: letterhead.contacts,
  executorPhone: letterhead.executorPhone,
  // A letterhead never saved has no signatory: one empty row to fill in.
  signatories: letterhead.signatories.length > 0 ? letterhead.signatories : [{ name: '', position: '' }],
  outgoingPattern: letterhead.outgoingPattern,
});

/**
 * «Бланк и подписи»: the organisation's letterhead (full name, address, contacts, executor's phone),
 * its logo, the signatories (the first signs by default) and the outgoing number pattern with a live
 * example; «Образец письма (PDF)» shows a letter on what is saved. Online only, like every admin tab.
 */
export function LetterheadTab({ tokens }: { tokens: TokenSource }) {
  const { t: typed } = useTranslation('letterhead');
  const t = typed as unknown as Translate;
  const { bridge } = useServices();
  const api = useMemo(() => letterheadApi(tokens), [tokens]);
  const [stored, setStored] = useState<AdminLetterhead | null>(null);
  const [form, setForm] = useState<LetterheadText | null>(null);
  const [logoUrl, setLogoUrl] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const showLogo = useCallback(async () => {
    const logo = await api.logo();
    setLogoUrl((before) => {
      if (before) URL.revokeObjectURL(before);
      return logo.ok && logo.value ? URL.createObjectURL(logo.value) : null;
    });
  }, [api]);

  const load = useCallback(async () => {
    const result = await api.letterhead();
    if (!result.ok) return setRefusal(letterheadRefusalText(t, result.error));
    setRefusal(null);
    setStored(result.value);
    setForm(textOf(result.value));
    await showLogo();
  }, [api, showLogo, t]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => () => void (logoUrl && URL.revokeObjectURL(logoUrl)), [logoUrl]);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const refused = (error: AdminRefusal) => {
    setNotice(null);
    setRefusal(letterheadRefusalText(t, error));
  };
  const accepted = (letterhead: AdminLetterhead, text: string) => {
    setRefusal(null);
    setStored(letterhead);
    setNotice(text);
  };

  if (!form) {
    return refusal ? (
      <Alert
        severity="error"
        data-testid="letterhead-refusal"
        action={<Button onClick={() => void load()}>{t('letterhead:form.reload')}</Button>}
      >
        {refusal}
      </Alert>
    ) : null;
  }

  const set = (change: Partial<LetterheadText>) => setForm({ ...form, ...change });
  const setSignatory = (index: number, change: Partial<Signatory>) =>
    set({ signatories: form.signatories.map((s, i) => (i === index ? { ...s, ...change } : s)) });
  const example = outgoingExample(form.outgoingPattern.trim(), new Date().getFullYear());

  const save = async () => {
    setBusy(true);
    const result = await api.save(form);
    setBusy(false);
    if (!result.ok) return refused(result.error);
    accepted(
      result.value.letterhead,
      t(result.value.changed ? 'letterhead:form.saved' : 'letterhead:form.unchanged'),
    );
    setForm(textOf(result.value.letterhead));
  };
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    const result = await api.uploadLogo(file);
    setBusy(false);
    if (!result.ok) return refused(result.error);
    accepted(result.value, t('letterhead:logo.uploaded'));
    await showLogo();
  };
  const removeLogo = async () => {
    setBusy(true);
    const result = await api.removeLogo();
    setBusy(false);
    if (!result.ok) return refused(result.error);
    accepted(result.value, t('letterhead:logo.removed'));
    await showLogo();
  };
  const showPreview = async () => {
    setBusy(true);
    const result = await api.preview();
    setBusy(false);
    if (!result.ok) return refused(result.error);
    const pdf = new Blob([result.value], { type: 'application/pdf' });
    // The web shell shows the PDF in Chromium's viewer; the desktop saves it to open or print.
    if (bridge.platform === 'web' && navigator.pdfViewerEnabled === true)
      setPreview(URL.createObjectURL(pdf));
    else saveFile(pdf, `${t('letterhead:form.previewFile')}.pdf`);
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 1280 }} data-testid="letterhead-tab">
      <Typography color="text.secondary">{t('letterhead:form.intro')}</Typography>
      {stored && !stored.stored && <Alert severity="info">{t('letterhead:form.notSet')}</Alert>}
      {refusal && (
        <Alert severity="error" data-testid="letterhead-refusal" onClose={() => setRefusal(null)}>
          {refusal}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" data-testid="letterhead-notice" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={() => void save()} disabled={busy} data-testid="letterhead-save">
          {t('letterhead:form.save')}
        </Button>
        <Button onClick={() => void showPreview()} disabled={busy} data-testid="letterhead-preview">
          {t('letterhead:form.preview')}
        </Button>
      </Stack>
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Stack spacing={2} sx={{ flex: 3, minWidth: 0, width: '100%' }}>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Stack spacing={2}>
              <TextField
                label={t('letterhead:form.fullName')}
                helperText={t('letterhead:form.fullNameHint')}
                value={form.fullName}
                onChange={(event) => set({ fullName: event.target.value })}
                required
                slotProps={{ htmlInput: { 'data-testid': 'letterhead-full-name' } }}
              />
              <TextField
                label={t('letterhead:form.address')}
                value={form.address}
                onChange={(event) => set({ address: event.target.value })}
                slotProps={{ htmlInput: { 'data-testid': 'letterhead-address' } }}
              />
              <TextField
                label={t('letterhead:form.contacts')}
                value={form.contacts}
                onChange={(event) => set({ contacts: event.target.value })}
                slotProps={{ htmlInput: { 'data-testid': 'letterhead-contacts' } }}
              />
              <TextField
                label={t('letterhead:form.executorPhone')}
                helperText={t('letterhead:form.executorPhoneHint')}
                value={form.executorPhone}
                onChange={(event) => set({ executorPhone: event.target.value })}
                slotProps={{ htmlInput: { 'data-testid': 'letterhead-executor-phone' } }}
              />
            </Stack>
          </Paper>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <TextField
              fullWidth
              label={t('letterhead:form.outgoingPattern')}
              value={form.outgoingPattern}
              onChange={(event) => set({ outgoingPattern: event.target.value })}
              error={!example.ok}
              helperText={
                <>
                  <span data-testid="outgoing-example">
                    {example.ok
                      ? t('letterhead:form.patternExample', { example: example.example })
                      : t(example.key, example.params)}
                  </span>
                  <br />
                  {t('letterhead:form.outgoingPatternHint')}
                </>
              }
              slotProps={{ htmlInput: { 'data-testid': 'letterhead-pattern' } }}
            />
          </Paper>
        </Stack>
        <Stack sx={{ flex: 2, minWidth: 0, width: '100%' }}>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Stack spacing={1.5}>
              <Typography variant="subtitle1" component="h2">
                {t('letterhead:logo.title')}
              </Typography>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                <Box
                  sx={{
                    width: 96,
                    height: 96,
                    border: 1,
                    borderColor: 'divider',
                    borderRadius: 1,
                    display: 'flex',
                    alignItems: 'center',
                    justifyContent: 'center',
                  }}
                >
                  {logoUrl ? (
                    <img
                      src={logoUrl}
                      alt={t('letterhead:logo.alt')}
                      data-testid="letterhead-logo"
                      style={{ maxWidth: 88, maxHeight: 88, objectFit: 'contain' }}
                    />
                  ) : (
                    <Typography variant="caption" color="text.secondary" sx={{ textAlign: 'center' }}>
                      {t('letterhead:logo.none')}
                    </Typography>
                  )}
                </Box>
                <Stack spacing={1}>
                  <Typography variant="body2" color="text.secondary">
                    {t('letterhead:logo.hint')}
                  </Typography>
                  <Stack direction="row" spacing={1}>
                    <Button
                      variant="outlined"
                      onClick={() => fileInput.current?.click()}
                      disabled={busy || !stored?.stored}
                      data-testid="letterhead-logo-upload"
                    >
                      {t(stored?.logo ? 'letterhead:logo.replace' : 'letterhead:logo.upload')}
                    </Button>
                    {stored?.logo && (
                      <Button
                        color="error"
                        onClick={() => void removeLogo()}
                        disabled={busy}
                        data-testid="letterhead-logo-remove"
                      >
                        {t('letterhead:logo.remove')}
                      </Button>
                    )}
                  </Stack>
                  <input
                    ref={fileInput}
                    type="file"
                    accept="image/png,image/jpeg"
                    hidden
                    onChange={(event) => void upload(event)}
                    data-testid="letterhead-logo-file"
                  />
                </Stack>
              </Stack>
            </Stack>
          </Paper>
        </Stack>
      </Stack>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack spacing={1.5}>
          <Typography variant="subtitle1" component="h2">
            {t('letterhead:signatories.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('letterhead:signatories.hint')}
          </Typography>
          {form.signatories.map((signatory, index) => (
            <Stack
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list; the order is the data
              key={index}
              direction="row"
              spacing={1}
              sx={{ alignItems: 'center' }}
              data-testid="letterhead-signatory"
            >
              <TextField
                size="small"
                label={t('letterhead:signatories.position')}
                value={signatory.position}
                onChange={(event) => setSignatory(index, { position: event.target.value })}
                sx={{ flex: 3 }}
                slotProps={{ htmlInput: { 'data-testid': `signatory-position-${index}` } }}
              />
              <TextField
                size="small"
                label={t('letterhead:signatories.name')}
                value={signatory.name}
                onChange={(event) => setSignatory(index, { name: event.target.value })}
                sx={{ flex: 2 }}
                slotProps={{ htmlInput: { 'data-testid': `signatory-name-${index}` } }}
              />
              <Box
                sx={{
                  width: 320,
                  flexShrink: 0,
                  display: 'flex',
                  justifyContent: 'flex-end',
                  alignItems: 'center',
                  gap: 0.5,
                }}
              >
                {index === 0 ? (
                  <Chip size="small" color="primary" label={t('letterhead:signatories.signsByDefault')} />
                ) : (
                  <Button
                    size="small"
                    onClick={() => set({ signatories: moveSignatory(form.signatories, index, -1) })}
                    data-testid={`signatory-up-${index}`}
                  >
                    {t('letterhead:signatories.up')}
                  </Button>
                )}
                {index < form.signatories.length - 1 && (
                  <Button
                    size="small"
                    onClick={() => set({ signatories: moveSignatory(form.signatories, index, 1) })}
                  >
                    {t('letterhead:signatories.down')}
                  </Button>
                )}
                {form.signatories.length > 1 && (
                  <Button
                    size="small"
                    color="error"
                    onClick={() => set({ signatories: form.signatories.filter((_s, i) => i !== index) })}
                  >
                    {t('letterhead:signatories.remove')}
                  </Button>
                )}
              </Box>
            </Stack>
          ))}
          <Stack direction="row">
            <Button
              onClick={() => set({ signatories: [...form.signatories, { name: '', position: '' }] })}
              disabled={form.signatories.length >= 10}
              data-testid="signatory-add"
            >
              {t('letterhead:signatories.add')}
            </Button>
          </Stack>
        </Stack>
      </Paper>

      {preview && (
        <Dialog
          open
          onClose={() => setPreview(null)}
          maxWidth="lg"
          fullWidth
          aria-labelledby="letterhead-preview-title"
        >
          <DialogTitle id="letterhead-preview-title">{t('letterhead:form.preview')}</DialogTitle>
          <DialogContent dividers>
            <iframe
              src={preview}
              title={t('letterhead:form.preview')}
              data-testid="letterhead-preview-pdf"
              style={{ width: '100%', height: '70vh', border: 0 }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setPreview(null)} autoFocus>
              {t('letterhead:form.close')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Stack>
  );
}
