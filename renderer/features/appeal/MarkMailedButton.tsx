import Button from '@mui/material/Button';
import { useState } from 'react';
import type { Message } from '../../../shared/model/conversation';
import { useT } from '../../app/translate';
import { useDatabase } from '../../db/DatabaseProvider';
import { markMailed } from '../../db/postal';

/**
 * «Письмо отправлено почтой» on a postal answer that waits for the letter to be mailed. The mark is
 * written locally and pushed by replication; a refusal comes back through the refused changes.
 */
export function MarkMailedButton({ message }: { message: Message }) {
  const { t } = useT();
  const db = useDatabase();
  const [busy, setBusy] = useState(false);

  async function mark() {
    setBusy(true);
    try {
      await markMailed(db.messages, message.id);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button
      size="small"
      variant="outlined"
      data-testid="mark-mailed"
      title={t('appeal.thread.markMailedHint')}
      disabled={busy}
      onClick={() => void mark()}
    >
      {t('appeal.thread.markMailed')}
    </Button>
  );
}
