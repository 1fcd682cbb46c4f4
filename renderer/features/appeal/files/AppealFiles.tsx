import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { filePreview } from '../../../../shared/model/answer-files';
import type { AttachmentMeta } from '../../../../shared/model/attachment';
import type { ApiFailure, AppealApi } from '../../../api/client';
import { useFormatters } from '../../../app/format';
import { AttachmentIcon } from '../../../app/icons';
import { useServices } from '../../../app/services';
import { useT } from '../../../app/translate';

/**
 * A citizen's photos and documents, and an answer's files, opened from the appeal (issue 10). The
 * file comes from the server, which checks the appeal's scope and audits the download; it is held
 * as a blob of the type the server stored, never run:
 * - images are shown in a dialog (`<img>`, which draws pixels and runs nothing);
 * - a PDF is shown by the browser's own PDF viewer in a frame — where there is one: the web shell
 *   in Chromium. The desktop window has no PDF plugin (it gets no new powers) and navigates no
 *   frame outside the app, so there the dialog offers to save the PDF instead;
 * - every other file is only saved (an `<a download>`: the browser's or Electron's save dialog).
 */

/** Saves a blob under `name` through the window's download (a save dialog in the desktop app). */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const failureKey = (failure: ApiFailure) =>
  failure.kind === 'network'
    ? 'work:files.offline'
    : failure.kind === 'server' && failure.status === 404
      ? 'work:files.notFound'
      : failure.kind === 'server' && failure.status === 403
        ? 'work:files.refused'
        : 'work:files.failed';

interface Opened {
  file: AttachmentMeta;
  /** null while it loads. */
  blob: Blob | null;
  error: string | null;
}

/** The blob as the type the server stored (images and PDF only reach a viewer with that type). */
const typed = (blob: Blob, mimeType: string) =>
  blob.type === mimeType ? blob : new Blob([blob], { type: mimeType });

function FilePreviewDialog({ opened, onClose }: { opened: Opened; onClose: () => void }) {
  const { t } = useT();
  const { bridge } = useServices();
  const [url, setUrl] = useState<string | null>(null);
  const preview = filePreview(opened.file.mimeType);
  const pdfShown = preview === 'pdf' && bridge.platform === 'web' && navigator.pdfViewerEnabled === true;
  useEffect(() => {
    if (!opened.blob || (preview !== 'image' && !pdfShown)) return;
    const next = URL.createObjectURL(typed(opened.blob, opened.file.mimeType));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [opened.blob, opened.file.mimeType, preview, pdfShown]);

  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="file-preview-title">
      <DialogTitle id="file-preview-title" sx={{ overflowWrap: 'anywhere' }}>
        {opened.file.name}
      </DialogTitle>
      <DialogContent dividers data-testid="file-preview">
        {opened.error ? (
          <Alert severity="error" role="alert">
            {t(opened.error)}
          </Alert>
        ) : !opened.blob ? (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <CircularProgress size={20} />
            <Typography>{t('work:files.loading')}</Typography>
          </Stack>
        ) : preview === 'image' && url ? (
          <Stack sx={{ alignItems: 'center' }}>
            <img
              src={url}
              alt={opened.file.name}
              data-testid="file-preview-image"
              style={{ maxWidth: '100%', maxHeight: '70vh', objectFit: 'contain' }}
            />
          </Stack>
        ) : pdfShown && url ? (
          <iframe
            src={url}
            title={opened.file.name}
            data-testid="file-preview-pdf"
            style={{ width: '100%', height: '70vh', border: 0 }}
          />
        ) : (
          <Alert severity="info">
            {t(preview === 'pdf' ? 'work:files.pdfNotShown' : 'work:files.notPreviewed')}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button
          disabled={!opened.blob}
          onClick={() => opened.blob && saveBlob(typed(opened.blob, opened.file.mimeType), opened.file.name)}
        >
          {t('work:files.save')}
        </Button>
        <Button onClick={onClose} autoFocus>
          {t('work:files.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The files of one thread entry: each opens (images, PDF) or saves (everything else). */
export function AppealFiles({
  appealId,
  attachments,
  api,
}: {
  appealId: string;
  attachments: readonly AttachmentMeta[];
  api: AppealApi;
}) {
  const { t } = useT();
  const { formatSize } = useFormatters();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  if (attachments.length === 0) return null;

  async function open(file: AttachmentMeta) {
    setSaveError(null);
    const previewed = filePreview(file.mimeType) !== null;
    if (previewed) setOpened({ file, blob: null, error: null });
    const result = await api.appealFile(appealId, file.id);
    if (previewed) {
      setOpened((was) =>
        was?.file.id === file.id
          ? {
              file,
              blob: result.ok ? result.value : null,
              error: result.ok ? null : failureKey(result.error),
            }
          : was,
      );
    } else if (result.ok) {
      saveBlob(result.value, file.name);
    } else {
      setSaveError(failureKey(result.error));
    }
  }

  return (
    <>
      <Stack
        component="ul"
        aria-label={t('appeal.thread.attachments')}
        sx={{ listStyle: 'none', p: 0, m: 0, mt: 1 }}
      >
        {attachments.map((file) => (
          <Stack component="li" key={file.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <AttachmentIcon fontSize="small" aria-hidden />
            <Link
              component="button"
              variant="body2"
              data-testid="appeal-file"
              title={t(filePreview(file.mimeType) ? 'work:files.open' : 'work:files.saveFile', {
                name: file.name,
              })}
              onClick={() => void open(file)}
              sx={{ textAlign: 'left', overflowWrap: 'anywhere' }}
            >
              {file.name}
            </Link>
            <Typography variant="caption" color="text.secondary">
              {formatSize(file.size)}
            </Typography>
          </Stack>
        ))}
      </Stack>
      {saveError && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }} onClose={() => setSaveError(null)}>
          {t(saveError)}
        </Alert>
      )}
      {opened && <FilePreviewDialog opened={opened} onClose={() => setOpened(null)} />}
    </>
  );
}
