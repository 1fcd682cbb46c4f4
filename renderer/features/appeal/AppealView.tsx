import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo } from 'react';
import { openStatuses } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import type { Message } from '../../../shared/model/conversation';
import { labelKey } from '../../../shared/model/labels';
import type { Department, UserProfile } from '../../../shared/model/staff';
import type { SessionUser, TokenSource } from '../../api/client';
import { actorOf, mayRevealPassport } from '../../app/actor';
import { useFormatters } from '../../app/format';
import { ArrowBackIcon, PdfIcon, PrintIcon } from '../../app/icons';
import type { AppealIntent } from '../../app/navigation';
import { useNotices } from '../../app/notices-provider';
import { useServices } from '../../app/services';
import { useT } from '../../app/translate';
import { useRxDocument, useRxQuery, useSyncStatus } from '../../db/DatabaseProvider';
import { AppealFacts } from './AppealFacts';
import { AppealOutcome } from './AppealOutcome';
import { ApplicantAppeals, RepeatWarning, useApplicantHistory } from './ApplicantAppeals';
import { ApplicantCard } from './ApplicantCard';
import { ActionBar } from './actions/ActionBar';
import { Composer } from './composer/Composer';
import { DeadlinePanel } from './DeadlinePanel';
import { AppealEditing } from './editing/AppealEditing';
import { LettersPanel } from './LettersPanel';
import { ProblemPanel } from './ProblemPanel';
import { answerLetterDocument, appealCardDocument } from './print/documents';
import { RefusedNotice } from './RefusedNotice';
import { ResolutionPanel } from './resolution/ResolutionPanel';
import { SourcePostPanel } from './SourcePostPanel';
import { Thread } from './Thread';
import { Timeline } from './Timeline';
import { TriagePanel } from './TriagePanel';

interface AppealViewProps {
  appealId: string;
  user: SessionUser;
  /** The live tokens for server calls: the sync engine's AuthSession. */
  tokens: TokenSource;
  intent?: AppealIntent | null;
  onBack: () => void;
}

/** One appeal: thread, applicant, deadlines, timeline, the legal actions and the answer composer. */
export function AppealView({ appealId, user, tokens, intent = null, onBack }: AppealViewProps) {
  const { t } = useT();
  const { bridge, api: client } = useServices();
  const formatters = useFormatters();
  const { online } = useSyncStatus();
  const api = useMemo(() => client.authorised(tokens), [client, tokens]);
  const { result: document, loading } = useRxDocument('appeals', appealId);
  const appeal = useMemo(() => (document ? (document.toMutableJSON() as Appeal) : null), [document]);
  const applicantHistory = useApplicantHistory(api, appealId, online, appeal?.updatedAt ?? 0);
  const { result: messageDocs } = useRxQuery(
    (db) => db.messages.find({ selector: { appealId }, sort: [{ createdAt: 'asc' }] }),
    [appealId],
  );
  const { result: departmentDocs } = useRxQuery((db) => db.departments.find(), []);
  const { result: userDocs } = useRxQuery((db) => db.users.find(), []);
  const departmentId = appeal?.departmentId ?? '';
  const { result: targetDocs } = useRxQuery(
    (db) => db.appeals.find({ selector: { departmentId, status: { $in: [...openStatuses] } }, limit: 500 }),
    [departmentId],
  );

  const messages = (messageDocs?.map((doc) => doc.toJSON()) ?? []) as Message[];
  const { markSeen } = useNotices();
  // Opening the appeal reads its notices; so does a message arriving while it is open.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the message count re-marks on purpose
  useEffect(() => markSeen([appealId]), [appealId, messages.length, appeal?.assigneeId]);
  const departments = (departmentDocs?.map((doc) => doc.toJSON()) ?? []) as Department[];
  const users = (userDocs?.map((doc) => doc.toJSON()) ?? []) as UserProfile[];
  const actor = actorOf(user);

  const header = (
    <Tooltip title={t('appeal.back')}>
      <IconButton aria-label={t('appeal.back')} onClick={onBack}>
        <ArrowBackIcon />
      </IconButton>
    </Tooltip>
  );
  if (!appeal) {
    return (
      <Stack component="main" spacing={2} sx={{ p: 3 }}>
        <Stack direction="row">{header}</Stack>
        {!loading && <Alert severity="info">{t('appeal.unavailable')}</Alert>}
      </Stack>
    );
  }

  const departmentName = departments.find((d) => d.id === appeal.departmentId)?.name ?? null;
  const assignee = users.find((u) => u.id === appeal.assigneeId)?.displayName ?? null;
  const card = () => appealCardDocument(appeal, { t, ...formatters, departmentName });
  const mergeTargets = (targetDocs?.map((doc) => doc.toJSON()) ?? []).filter(
    (a) => a.id !== appeal.id,
  ) as Appeal[];

  return (
    <Stack component="main" spacing={2} sx={{ p: 3 }} aria-label={t('appeal.title')}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        {header}
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1, minWidth: 200 }}>
          {appeal.subject}
        </Typography>
        <Chip data-testid="appeal-status" color="primary" label={t(labelKey.status(appeal.status))} />
        <Chip variant="outlined" label={t(labelKey.regime(appeal.regime))} />
        <Chip variant="outlined" label={t(labelKey.channel(appeal.channel))} />
        <Tooltip title={t('appeal.print.card')}>
          <IconButton aria-label={t('appeal.print.card')} onClick={() => void bridge.printAppeal(card())}>
            <PrintIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title={t('appeal.print.cardPdf')}>
          <IconButton
            aria-label={t('appeal.print.cardPdf')}
            onClick={() => void bridge.saveAsPdf(card(), `${appeal.registrationNumber ?? appeal.id}.pdf`)}
          >
            <PdfIcon />
          </IconButton>
        </Tooltip>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('appeal.routing', {
          department: departmentName ?? t('appeal.unrouted'),
          assignee: assignee ?? t('appeal.noAssignee'),
        })}
      </Typography>
      <RefusedNotice documentIds={[appeal.id, ...messages.map((m) => m.id)]} />
      <RepeatWarning
        appeal={appeal}
        loaded={applicantHistory.loaded}
        api={api}
        online={online}
        onMarked={applicantHistory.reload}
      />
      <ProblemPanel appeal={appeal} api={api} online={online} />
      <SourcePostPanel appeal={appeal} api={api} online={online} />
      {actor && <AppealEditing appeal={appeal} actor={actor} />}
      {actor && <TriagePanel appeal={appeal} actor={actor} departments={departments} />}
      {actor ? (
        <ActionBar
          context={{ appeal, actor, departments, users, mergeTargets }}
          initialAction={intent === 'assign' ? 'assign' : null}
        />
      ) : (
        <Alert severity="warning">{t('actions.unknownRole')}</Alert>
      )}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={2}>
            <Thread
              appeal={appeal}
              messages={messages}
              api={api}
              onPrintAnswer={(message) =>
                void bridge.printAppeal(
                  answerLetterDocument(appeal, message, { t, ...formatters, departmentName }),
                )
              }
            />
            {actor && (
              <Composer
                appeal={appeal}
                actor={actor}
                officialName={user.fullName}
                departmentName={departmentName}
                autoFocus={intent === 'reply'}
                api={api}
                online={online}
              />
            )}
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={2}>
            <AppealFacts appeal={appeal} />
            <DeadlinePanel appeal={appeal} />
            <AppealOutcome appeal={appeal} />
            <LettersPanel appeal={appeal} messages={messages} tokens={tokens} online={online} />
            {actor && <ResolutionPanel appeal={appeal} actor={actor} users={users} />}
            <ApplicantCard appeal={appeal} mayReveal={mayRevealPassport(user)} online={online} api={api} />
            <ApplicantAppeals loaded={applicantHistory.loaded} online={online} />
            <Timeline
              appealId={appeal.id}
              version={appeal.updatedAt}
              online={online}
              api={api}
              users={users}
            />
          </Stack>
        </Grid>
      </Grid>
      {!online && (
        <Button disabled sx={{ display: 'none' }}>
          {t('appeal.offline')}
        </Button>
      )}
    </Stack>
  );
}
