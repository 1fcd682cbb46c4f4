import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import {
  type AnswerFileProblem,
  answerFileAccept,
  answerFileProblem,
  answerFilesProblem,
} from '../../../../shared/model/answer-files';
import type { AttachmentMeta } from '../../../../shared/model/attachment';
import type { AppealApi } from '../../../api/client';
import { useFormatters } from '../../../app/format';
import { AttachmentIcon } from '../../../app/icons';
import { useT } from '../../../app/translate';

const serverProblems: Record<string, AnswerFileProblem> = {
  file_tooLarge: 'tooLarge',
  file_typeRefused: 'typeRefused',
  file_empty: 'empty',
};

/**
 * Files for the answer (issue 10): checked here by the shared rule (shared/model/answer-files.ts),
 * uploaded at once — so only online; an answer without files is still written offline — and checked
 * by the server again. The answer carries their metadata; the server sends the bytes to the citizen
 * through the answer's route.
 */
export function AnswerFiles({
  appealId,
  files,
  onChange,
  replyVia,
  api,
  online,
}: {
  appealId: string;
  files: readonly AttachmentMeta[];
  onChange: (files: AttachmentMeta[]) => void;
  replyVia: string | null;
  api: AppealApi;
  online: boolean;
}) {
  const { t } = useT();
  const { formatSize } = useFormatters();
  const picker = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ key: string; name?: string } | null>(null);
  const together = answerFilesProblem(files, replyVia);

  async function attach(list: FileList | null) {
    setProblem(null);
    let attached = [...files];
    for (const file of Array.from(list ?? [])) {
      const own = answerFileProblem(file) ?? answerFilesProblem([...attached, file], replyVia);
      if (own) {
        setProblem({ key: `work:files.problems.${own}`, name: file.name });
        continue;
      }
      setUploading(file.name);
      const result = await api.uploadAnswerFile(appealId, file);
      setUploading(null);
      if (result.ok) {
        attached = [...attached, result.value];
        onChange(attached);
      } else {
        const code = result.error.kind === 'server' ? result.error.code : undefined;
        const refused = code ? serverProblems[code] : undefined;
        setProblem({
          key: refused
            ? `work:files.problems.${refused}`
            : result.error.kind === 'network'
              ? 'work:files.attachOffline'
              : 'work:files.problems.upload',
          name: file.name,
        });
      }
    }
    if (picker.current) picker.current.value = '';
  }

  return (
    <Stack spacing={1} data-testid="answer-files">
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          size="small"
          startIcon={<AttachmentIcon />}
          disabled={!online || uploading !== null}
          onClick={() => picker.current?.click()}
        >
          {t('work:files.attach')}
        </Button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          accept={answerFileAccept}
          data-testid="answer-file-input"
          onChange={(event) => void attach(event.target.files)}
        />
        {files.map((file) => (
          <Chip
            key={file.id}
            size="small"
            label={`${file.name} · ${formatSize(file.size)}`}
            onDelete={() => onChange(files.filter((other) => other.id !== file.id))}
            data-testid="answer-file"
          />
        ))}
        {uploading && (
          <Typography variant="caption" color="text.secondary">
            {t('work:files.uploading', { name: uploading })}
          </Typography>
        )}
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {t(online ? 'work:files.attachHint' : 'work:files.attachOffline')}
      </Typography>
      {(problem || together) && (
        <Alert severity="warning" role="alert" onClose={problem ? () => setProblem(null) : undefined}>
          {problem ? t(problem.key, { name: problem.name }) : t(`work:files.problems.${together}`)}
        </Alert>
      )}
    </Stack>
  );
}
