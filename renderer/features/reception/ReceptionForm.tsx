import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { type FormEvent, useMemo, useState } from 'react';
import { calendarDateIn } from '../../../shared/domain/resolution';
import { scannedChannels } from '../../../shared/model/answer-files';
import { type Department, departmentsToPick } from '../../../shared/model/staff';
import type { SessionUser, TokenSource } from '../../api/client';
import { isOrganisationWide } from '../../app/actor';
import { ArrowBackIcon } from '../../app/icons';
import { useOrganisationSettings } from '../../app/organisation';
import { useT } from '../../app/translate';
import { useDatabase, useRxQuery } from '../../db/DatabaseProvider';
import { newDocumentId } from '../../db/ids';
import { useScanQueue } from '../../db/ScanQueueContext';
import { AppealContentSection } from './AppealContentSection';
import { ApplicantSection } from './ApplicantSection';
import { ContactsSection } from './ContactsSection';
import { CoSignersSection } from './CoSignersSection';
import { usePassportHandOver } from './PassportHandOverContext';
import { ReceptionSuggestion } from './ReceptionSuggestion';
import { RepeatHint } from './RepeatHint';
import {
  emptyReception,
  type ReceptionField,
  type ReceptionInput,
  receptionAppeal,
  shownErrors,
  validateReception,
} from './reception-form';
import { SavedNotice } from './SavedNotice';
import { ScansSection } from './ScansSection';

interface ReceptionFormProps {
  user: SessionUser;
  /** For asking the server about the applicant's other appeals (RepeatHint); none: no hint. */
  tokens?: TokenSource;
  onBack: () => void;
  onOpenAppeal: (appealId: string) => void;
}

/**
 * The reception card for in-person, phone and postal appeals. Works fully offline: the appeal is a
 * local insert, and the server gives it its registration number when it syncs. The card holds the
 * state and the save; each section (applicant and identity, contacts, co-signers, the appeal itself)
 * is its own component.
 */
export function ReceptionForm({ user, tokens, onBack, onOpenAppeal }: ReceptionFormProps) {
  const { t } = useT();
  const db = useDatabase();
  const handOver = usePassportHandOver();
  const scanQueue = useScanQueue();
  const [scans, setScans] = useState<File[]>([]);
  const [scansLost, setScansLost] = useState(false);
  const orgWide = isOrganisationWide(user);
  const { result: departmentDocs } = useRxQuery((db) => db.departments.find(), []);
  const departments = useMemo(() => {
    const all = (departmentDocs?.map((doc) => doc.toJSON()) ?? []) as Department[];
    // A department the administrator disabled takes no new appeals.
    return departmentsToPick(orgWide ? all : all.filter((d) => user.departmentIds.includes(d.id)));
  }, [departmentDocs, orgWide, user.departmentIds]);
  const [input, setInput] = useState<ReceptionInput>(() => ({
    ...emptyReception,
    departmentId: orgWide ? '' : (user.departmentIds[0] ?? ''),
  }));
  const [attempted, setAttempted] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<ReceptionField>>(new Set());
  const { timeZone } = useOrganisationSettings();
  const rules = { departmentRequired: !orgWide, today: calendarDateIn(timeZone, Date.now()) };
  const checked = validateReception(input, rules);
  const errors = shownErrors(checked, attempted, touched);
  const touch = (field: ReceptionField) =>
    setTouched((previous) => (previous.has(field) ? previous : new Set([...previous, field])));
  const [savedId, setSavedId] = useState<string | null>(null);
  const [saveError, setSaveError] = useState(false);
  const set = (patch: Partial<ReceptionInput>) => setInput((previous) => ({ ...previous, ...patch }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaveError(false);
    setAttempted(true);
    if (!checked.ok) return;
    const id = newDocumentId();
    try {
      // The organisation is the signed-in user's; the server stamps its own id on push anyway.
      const orgId = departmentDocs?.[0]?.orgId ?? '';
      await db.appeals.insert(receptionAppeal(checked.value, { id, orgId, now: Date.now(), timeZone }));
      // The clear passport goes to the server only (encrypted there), never into the local database.
      if (checked.value.passportMasked && handOver)
        void handOver.add(id, { series: input.passportSeries, number: input.passportNumber });
      // Kept on this computer first; uploaded once the appeal has reached the server (scan-queue.ts).
      // The appeal is saved whatever happens to a scan: a scan not kept is said apart.
      const chosen = scans;
      setScans([]);
      setScansLost(false);
      Promise.all(chosen.map((scan) => scanQueue?.add(id, scan))).catch(() => setScansLost(true));
      setSavedId(id);
      setInput({ ...emptyReception, channel: input.channel, departmentId: input.departmentId });
      setAttempted(false);
      setTouched(new Set());
    } catch {
      setSaveError(true);
    }
  }

  const f = errors.fields;
  return (
    <Stack component="main" spacing={2} sx={{ p: 3, maxWidth: 960 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Tooltip title={t('reception.back')}>
          <IconButton aria-label={t('reception.back')} onClick={onBack}>
            <ArrowBackIcon />
          </IconButton>
        </Tooltip>
        <Typography variant="h5" component="h1">
          {t('reception.title')}
        </Typography>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('reception.offlineHint')}
      </Typography>
      {savedId && <SavedNotice appealId={savedId} onOpen={() => onOpenAppeal(savedId)} />}
      {scansLost && (
        <Alert severity="error" role="alert">
          {t('work:scans.keepFailed')}
        </Alert>
      )}
      <form onSubmit={(event) => void save(event)} noValidate aria-label={t('reception.title')}>
        <Stack spacing={2}>
          <ApplicantSection input={input} set={set} errors={f} />
          <ContactsSection input={input} set={set} errors={f} touch={touch} />
          <CoSignersSection input={input} set={set} errors={f} rowErrors={errors.coSigners} />
          <AppealContentSection
            input={input}
            set={set}
            errors={f}
            departments={departments}
            orgWide={orgWide}
          />
          <ReceptionSuggestion userId={user.id} input={input} departments={departments} set={set} />
          {scanQueue && scannedChannels.includes(input.channel) && (
            <ScansSection scans={scans} onChange={setScans} />
          )}
          {tokens && <RepeatHint input={input} tokens={tokens} />}
          {Object.keys(f).length + Object.keys(errors.coSigners).length > 0 && (
            <Alert severity="error">{t('reception.fixErrors')}</Alert>
          )}
          {saveError && (
            <Alert severity="error" role="alert">
              {t('reception.saveFailed')}
            </Alert>
          )}
          <Button type="submit" variant="contained" sx={{ alignSelf: 'flex-start' }}>
            {t('reception.save')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
