import Alert from '@mui/material/Alert';
import { useEffect, useMemo, useState } from 'react';
import { labelKey } from '../../../shared/model/labels';
import type { ApplicantAppeal } from '../../api/archive';
import type { TokenSource } from '../../api/client';
import { useFormatters } from '../../app/format';
import { useServices } from '../../app/services';
import { useT } from '../../app/translate';
import { useSyncStatus } from '../../db/DatabaseProvider';
import type { ReceptionInput } from './reception-form';

/** A pause after typing before the server is asked. */
const pauseMs = 600;

const worthAsking = (input: Pick<ReceptionInput, 'phone' | 'email'>) =>
  input.phone.replace(/\D/g, '').length >= 10 || /\S+@\S+\.\S+/.test(input.email);

/**
 * At reception, before the entry is saved: the applicant's appeals in the clerk's scope by the phone
 * or e-mail typed (the server matches them: server/src/appeals/applicant-history.ts), and a warning
 * when one of them is open or recent on the same subject (59-FZ art. 11 part 5: a repeated appeal).
 * Online only; the appeal view warns again once the entry is saved and synced.
 */
export function RepeatHint({ input, tokens }: { input: ReceptionInput; tokens: TokenSource }) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const { api: client } = useServices();
  const { online } = useSyncStatus();
  const api = useMemo(() => client.authorised(tokens), [client, tokens]);
  const [appeals, setAppeals] = useState<readonly ApplicantAppeal[]>([]);
  const { phone, email, subject } = input;
  const category = input.category || null;

  useEffect(() => {
    if (!online || !worthAsking({ phone, email })) {
      setAppeals([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void api.appealsOfContacts({ phone, email, subject, category }).then((result) => {
        if (current) setAppeals(result.ok ? result.value.appeals : []);
      });
    }, pauseMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, online, phone, email, subject, category]);

  if (appeals.length === 0) return null;
  const candidate = appeals.find((a) => a.repeatCandidate);
  const evidence = (entry: ApplicantAppeal) =>
    entry.evidence.map((e) => t(`applicantHistory.evidence.${e}`)).join(', ');
  if (!candidate) {
    return (
      <Alert severity="info" data-testid="reception-applicant-appeals">
        {t('applicantHistory.others', { count: appeals.length })}
      </Alert>
    );
  }
  return (
    <Alert severity="warning" data-testid="reception-repeat-warning">
      <strong>{t('applicantHistory.repeat.title')}</strong>{' '}
      {t('applicantHistory.repeat.evidence', { evidence: evidence(candidate) })}{' '}
      {candidate.registrationNumber ?? ''} {formatDate(candidate.receivedAt)} · «{candidate.subject}» ·{' '}
      {t(labelKey.status(candidate.status))}
    </Alert>
  );
}
