import Alert from '@mui/material/Alert';
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
import { useCallback, useEffect, useMemo, useState } from 'react';
import { isClosed } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import type { AttachmentMeta } from '../../../shared/model/attachment';
import { labelKey } from '../../../shared/model/labels';
import type { AppealStatus, Channel } from '../../../shared/model/vocabulary';
import type { AppealApi } from '../../api/client';
import {
  type ProblemCandidate,
  type ProblemEvidence,
  type ProblemGroup,
  type ProblemMember,
  type ProblemView,
  problemsApi,
} from '../../api/problems';
import { useFormatters } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { useT } from '../../app/translate';
import { useRxQuery } from '../../db/DatabaseProvider';
import { AnswerFiles } from './composer/AnswerFiles';

/** As server/src/problems/evidence.ts `problemWindowDays`. */
const problemWindowDays = 7;

type Loaded = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; view: ProblemView };

function useEvidenceText() {
  const { t } = useT();
  return (evidence: ProblemEvidence): string => {
    switch (evidence.kind) {
      case 'place':
        return t(
          evidence.match === 'house' ? 'problems:evidence.placeHouse' : 'problems:evidence.placeStreet',
          {
            place: evidence.place,
          },
        );
      case 'category':
        return t('problems:evidence.category');
      case 'text':
        return t('problems:evidence.text', { similarity: evidence.similarity.toFixed(2) });
      case 'days':
        return evidence.days === 0
          ? t('problems:evidence.today')
          : t('problems:evidence.daysAgo', { days: evidence.days });
    }
  };
}

type FormatDate = (instant: number) => string;

function MemberLine({ member, formatDate }: { member: ProblemMember; formatDate: FormatDate }) {
  const { t } = useT();
  return (
    <>
      {member.registrationNumber ?? t(labelKey.channel(member.channel as Channel))} ·{' '}
      {formatDate(member.receivedAt)} · «{member.subject}» ·{' '}
      {t(labelKey.status(member.status as AppealStatus))}
    </>
  );
}

interface GroupViewProps {
  problem: ProblemGroup;
  appealId: string;
  busy: boolean;
  formatDate: FormatDate;
  onOpen: (appealId: string) => void;
  onRemove: () => void;
  onAnswerAll: () => void;
}

/** «Одна проблема — несколько заявителей»: the group's other members, its count, «Ответить всем». */
export function ProblemGroupView({
  problem,
  appealId,
  busy,
  formatDate,
  onOpen,
  onRemove,
  onAnswerAll,
}: GroupViewProps) {
  const { t } = useT();
  const others = problem.members.filter((member) => member.id !== appealId);
  const hidden = problem.count - problem.members.length;
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-label={t('problems:group.title')}
      data-testid="problem-group"
      sx={{ p: 2 }}
    >
      <Typography variant="subtitle1" component="h2">
        {t('problems:group.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="problem-count">
        {t('problems:group.count', { count: problem.count })}
        {hidden > 0 && ` · ${t('problems:group.outside', { count: hidden })}`}
      </Typography>
      <Stack component="ul" spacing={0.5} sx={{ pl: 2, my: 1 }}>
        {others.map((member) => (
          <li key={member.id} data-testid="problem-member">
            <Button size="small" onClick={() => onOpen(member.id)} sx={{ textTransform: 'none' }}>
              <MemberLine member={member} formatDate={formatDate} />
            </Button>
          </li>
        ))}
      </Stack>
      <Stack direction="row" spacing={1}>
        <Button variant="contained" size="small" disabled={busy} onClick={onAnswerAll}>
          {t('problems:group.answerAll')}
        </Button>
        <Button size="small" disabled={busy} onClick={onRemove}>
          {t('problems:group.remove')}
        </Button>
      </Stack>
    </Paper>
  );
}

interface CandidatesViewProps {
  candidates: readonly ProblemCandidate[];
  busy: boolean;
  formatDate: FormatDate;
  onOpen: (appealId: string) => void;
  onMerge: (candidate: ProblemCandidate) => void;
}

/** «Возможно, та же проблема»: each candidate with its evidence, «Открыть» and «Объединить». */
export function ProblemCandidatesView({
  candidates,
  busy,
  formatDate,
  onOpen,
  onMerge,
}: CandidatesViewProps) {
  const { t } = useT();
  const evidenceText = useEvidenceText();
  return (
    <Alert severity="info" data-testid="problem-candidates" icon={false}>
      <strong>{t('problems:candidates.title')}</strong>
      <Typography variant="body2" color="text.secondary">
        {t('problems:candidates.intro', { days: problemWindowDays })}
      </Typography>
      <Stack spacing={1} sx={{ mt: 1 }}>
        {candidates.map((candidate) => (
          <Stack key={candidate.id} spacing={0.5} data-testid="problem-candidate">
            <Typography variant="body2">
              <MemberLine member={candidate} formatDate={formatDate} />
            </Typography>
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {candidate.evidence.map((evidence) => (
                <Chip key={evidence.kind} size="small" label={evidenceText(evidence)} />
              ))}
              {candidate.problemId && (
                <Chip size="small" variant="outlined" label={t('problems:candidates.inGroup')} />
              )}
            </Stack>
            <Stack direction="row" spacing={1}>
              <Button size="small" onClick={() => onOpen(candidate.id)}>
                {t('problems:candidates.open')}
              </Button>
              <Button size="small" variant="outlined" disabled={busy} onClick={() => onMerge(candidate)}>
                {t('problems:candidates.merge')}
              </Button>
            </Stack>
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
}

/**
 * One text for every applicant of the group, with files: uploaded for the answer of the appeal open
 * here (AnswerFiles, as the composer's), each citizen gets them through their own route (server
 * problems/answer.ts copies them to each member's answer).
 */
function AnswerAllDialog({
  open,
  appealId,
  api,
  onClose,
  onSend,
}: {
  open: boolean;
  appealId: string;
  api: AppealApi;
  onClose: () => void;
  onSend: (text: string, fileIds: string[]) => Promise<string | null>;
}) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<AttachmentMeta[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function send() {
    setBusy(true);
    setError(
      await onSend(
        text.trim(),
        files.map((file) => file.id),
      ),
    );
    setBusy(false);
  }
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{t('problems:answer.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          {t('problems:answer.hint')}
        </Typography>
        <TextField
          label={t('problems:answer.text')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          multiline
          minRows={4}
          fullWidth
          autoFocus
          slotProps={{ htmlInput: { 'data-testid': 'problem-answer-text', maxLength: 10000 } }}
        />
        <AnswerFiles appealId={appealId} files={files} onChange={setFiles} replyVia={null} api={api} online />
        {error && (
          <Alert severity="error" role="alert" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('problems:answer.cancel')}</Button>
        <Button variant="contained" disabled={busy || text.trim() === ''} onClick={() => void send()}>
          {t('problems:answer.send')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Offline: the group from the appeals this desktop holds (`problemId` replicates); the rest needs the server. */
function OfflineGroup({ appeal, problemId }: { appeal: Appeal; problemId: string }) {
  const { t } = useT();
  const navigation = useNavigation();
  const { formatDate } = useFormatters();
  const { result: docs } = useRxQuery((db) => db.appeals.find({ selector: { problemId } }), [problemId]);
  const members = (docs ?? []).map((doc) => doc.toJSON() as Appeal);
  const others = members.filter((member) => member.id !== appeal.id);
  return (
    <Paper variant="outlined" data-testid="problem-offline" sx={{ p: 2 }}>
      <Typography variant="subtitle1" component="h2">
        {t('problems:group.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('problems:group.count', { count: members.length })} · {t('problems:candidates.offline')}
      </Typography>
      <Stack component="ul" spacing={0.5} sx={{ pl: 2, my: 1 }}>
        {others.map((member) => (
          <li key={member.id}>
            <Button
              size="small"
              onClick={() => navigation.openAppeal(member.id)}
              sx={{ textTransform: 'none' }}
            >
              <MemberLine member={member} formatDate={formatDate} />
            </Button>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

/**
 * Several citizens, one problem (issue 13): the appeal's group — members, count, «Ответить всем»
 * (each citizen gets the answer in their own channel) — and, on an appeal in work, «Возможно, та же
 * проблема»: other applicants' appeals the server found (same place, category, similar text, within
 * a week), each with its evidence and «Объединить». Nothing is grouped without a person; online only.
 */
export function ProblemPanel({ appeal, api, online }: { appeal: Appeal; api: AppealApi; online: boolean }) {
  const { t } = useT();
  const navigation = useNavigation();
  const { formatDate } = useFormatters();
  const problems = useMemo(() => problemsApi(api), [api]);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [asked, setAsked] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [answering, setAnswering] = useState(false);
  const reload = useCallback(() => setAsked((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again when the group or status changes, on reconnect or after a change
  useEffect(() => {
    if (!online) return;
    let current = true;
    void problems.candidates(appeal.id).then((result) => {
      if (current) setLoaded(result.ok ? { state: 'ready', view: result.value } : { state: 'failed' });
    });
    return () => {
      current = false;
    };
  }, [problems, appeal.id, appeal.problemId, appeal.status, online, asked]);

  async function merge(candidate: ProblemCandidate) {
    setBusy(true);
    setFailure(null);
    const result = await problems.group([appeal.id, candidate.id]);
    setBusy(false);
    if (result.ok) reload();
    else setFailure(t('problems:candidates.mergeFailed'));
  }

  async function remove(problemId: string) {
    setBusy(true);
    setFailure(null);
    const result = await problems.remove(problemId, appeal.id);
    setBusy(false);
    if (result.ok) reload();
    else setFailure(t('problems:group.removeFailed'));
  }

  async function answerAll(problemId: string, text: string, fileIds: string[]): Promise<string | null> {
    const result = await problems.answerAll(problemId, text, fileIds);
    if (!result.ok) {
      const code = result.error.kind === 'server' ? result.error.code : undefined;
      if (code === 'nothing_to_answer') return t('problems:answer.nothing');
      if (code === 'files_not_carried') return t('problems:answer.filesNotCarried');
      if (result.error.kind === 'server' && result.error.status === 403) return t('problems:answer.outside');
      return t('problems:answer.failed');
    }
    setAnswering(false);
    setNotice(
      t('problems:answer.sent', {
        answered: result.value.answered.length,
        skipped: result.value.skipped.length,
      }),
    );
    reload();
    return null;
  }

  if (!online) return appeal.problemId ? <OfflineGroup appeal={appeal} problemId={appeal.problemId} /> : null;
  if (loaded.state === 'failed') return <Alert severity="error">{t('problems:candidates.failed')}</Alert>;
  if (loaded.state !== 'ready') return null;
  const { problem, candidates } = loaded.view;
  const showCandidates = candidates.length > 0 && !isClosed(appeal.status);

  return (
    <Stack spacing={1}>
      {problem && (
        <ProblemGroupView
          problem={problem}
          appealId={appeal.id}
          busy={busy}
          formatDate={formatDate}
          onOpen={(id) => navigation.openAppeal(id)}
          onRemove={() => void remove(problem.id)}
          onAnswerAll={() => setAnswering(true)}
        />
      )}
      {problem && (
        <AnswerAllDialog
          open={answering}
          appealId={appeal.id}
          api={api}
          onClose={() => setAnswering(false)}
          onSend={(text, fileIds) => answerAll(problem.id, text, fileIds)}
        />
      )}
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)} data-testid="problem-answered">
          {notice}
        </Alert>
      )}
      {showCandidates && (
        <ProblemCandidatesView
          candidates={candidates}
          busy={busy}
          formatDate={formatDate}
          onOpen={(id) => navigation.openAppeal(id)}
          onMerge={(candidate) => void merge(candidate)}
        />
      )}
      {failure && (
        <Alert severity="error" role="alert">
          {failure}
        </Alert>
      )}
    </Stack>
  );
}
