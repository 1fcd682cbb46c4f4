import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** «Отписки»: the organisation's brush-off phrases for the answer checks, one per line. */
export function BrushOffPanel({
  phrases,
  onSave,
}: {
  phrases: readonly string[];
  onSave: (phrases: string[] | null) => void;
}) {
  const { t } = useTranslation('quality');
  const [text, setText] = useState(phrases.join('\n'));
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle1" component="h2">
        {t('approval.brushOffTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('approval.brushOffIntro')}
      </Typography>
      <TextField
        multiline
        minRows={6}
        value={text}
        onChange={(event) => setText(event.target.value)}
        slotProps={{ htmlInput: { 'aria-label': t('approval.brushOffTitle'), 'data-testid': 'brush-off' } }}
      />
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          onClick={() =>
            onSave(
              text
                .split('\n')
                .map((line) => line.trim())
                .filter((line) => line.length >= 3),
            )
          }
        >
          {t('approval.brushOffSave')}
        </Button>
        <Button onClick={() => onSave(null)}>{t('approval.brushOffReset')}</Button>
      </Stack>
    </Stack>
  );
}
