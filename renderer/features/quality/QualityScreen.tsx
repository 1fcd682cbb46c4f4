import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelKey } from '../../../shared/model/labels';
import { isOrganisationWide } from '../../../shared/model/roles';
import type { Department } from '../../../shared/model/staff';
import type { ApiResult, SessionUser, TokenSource } from '../../api/client';
import {
  type ApprovalRule,
  type PendingAnswer,
  type QualitySummary,
  qualityApi,
  type UnhelpfulAnswer,
} from '../../api/quality';
import { ServerScreen, useServerScreen } from '../../app/ServerScreen';
import { useServices } from '../../app/services';
import { useT } from '../../app/translate';
import { useRxQuery } from '../../db/DatabaseProvider';
import { ApprovalQueue } from './ApprovalQueue';
import { BrushOffPanel } from './BrushOffPanel';
import { RulesPanel } from './RulesPanel';
import { SummaryPanel } from './SummaryPanel';
import { UnhelpfulList } from './UnhelpfulList';

type TabId = 'approvals' | 'unhelpful' | 'summary' | 'rules';
const dayMs = 24 * 3600_000;

interface Loaded {
  pending: PendingAnswer[];
  unhelpful: UnhelpfulAnswer[];
  summary: QualitySummary | null;
  rules: ApprovalRule[];
  brushOff: string[];
}

/**
 * «Качество ответов» (issue 14): a head's «На согласовании»; for supervisors and administrators also
 * «Ответ не помог» (the applicants' «Нет» to decide), the summary of «Помог ли ответ?» for the last
 * 30 days and which answers need approval. Everything is the server's (server/src/quality); offline
 * the screen says so.
 */
export function QualityScreen({
  user,
  tokens,
  onBack,
  onOpenAppeal,
}: {
  user: SessionUser;
  tokens: TokenSource;
  onBack: () => void;
  onOpenAppeal: (appealId: string) => void;
}) {
  const { t } = useTranslation('quality');
  const { t: tLabel } = useT();
  const { api } = useServices();
  const quality = useMemo(() => qualityApi(api.authorised(tokens)), [api, tokens]);
  const wide = isOrganisationWide(user.role);
  const tabs: TabId[] = wide ? ['approvals', 'unhelpful', 'summary', 'rules'] : ['approvals'];
  const [tab, setTab] = useState<TabId>('approvals');
  const { result: departmentDocs } = useRxQuery((db) => db.departments.find(), []);
  const departments = useMemo(
    () => (departmentDocs?.map((doc) => doc.toJSON()) ?? []) as Department[],
    [departmentDocs],
  );
  const { result: userDocs } = useRxQuery((db) => db.users.find(), []);
  const departmentName = useCallback(
    (id: string) => {
      const department = departments.find((d) => d.id === id);
      return department ? `${department.code} ${department.name}` : t('summary.unknown');
    },
    [departments, t],
  );
  const executorName = useCallback(
    (id: string) =>
      String(userDocs?.find((doc) => doc.id === id)?.get('displayName') ?? t('summary.unknown')),
    [userDocs, t],
  );

  const fetch = useCallback(async (): Promise<ApiResult<Loaded>> => {
    const to = Date.now();
    const [pending, unhelpful, summary, rules, brushOff] = await Promise.all([
      quality.pending(),
      wide ? quality.unhelpful() : null,
      wide ? quality.summary(to - 30 * dayMs, to) : null,
      wide ? quality.rules() : null,
      wide ? quality.brushOff() : null,
    ]);
    for (const result of [pending, unhelpful, summary, rules, brushOff])
      if (result && !result.ok) return { ok: false, error: result.error };
    if (!pending.ok) return pending;
    return {
      ok: true,
      value: {
        pending: pending.value,
        unhelpful: unhelpful?.ok ? unhelpful.value : [],
        summary: summary?.ok ? summary.value : null,
        rules: rules?.ok ? rules.value : [],
        brushOff: brushOff?.ok ? brushOff.value : [],
      },
    };
  }, [quality, wide]);
  const screen = useServerScreen(fetch);
  const { change } = screen;

  return (
    <ServerScreen
      screen={screen}
      texts={{
        back: t('screen.back'),
        title: t('screen.title'),
        refresh: t('screen.refresh'),
        loading: t('screen.loading'),
        failure: (failure) => (failure.kind === 'network' ? t('screen.offline') : t('approval.actionFailed')),
      }}
      testIds={{ screen: 'quality-screen', failure: 'quality-failure', notice: 'quality-notice' }}
      onBack={onBack}
      lead={
        <Tabs value={tab} onChange={(_, value: TabId) => setTab(value)}>
          {tabs.map((id) => (
            <Tab key={id} value={id} label={t(`screen.tabs.${id}`)} data-testid={`quality-tab-${id}`} />
          ))}
        </Tabs>
      }
    >
      {(loaded) =>
        tab === 'approvals' ? (
          <ApprovalQueue
            answers={loaded.pending}
            onOpenAppeal={onOpenAppeal}
            onApprove={(answer, text) =>
              void change(() => quality.approve(answer.messageId, text), t('approval.approved'))
            }
            onReturn={(answer, comment) =>
              void change(() => quality.giveBack(answer.messageId, comment), t('approval.returnedDone'))
            }
          />
        ) : tab === 'unhelpful' ? (
          <UnhelpfulList
            answers={loaded.unhelpful}
            departmentName={departmentName}
            onOpenAppeal={onOpenAppeal}
            onDecide={(answer, decision) =>
              void change(
                () => quality.decide(answer.appealId, decision),
                decision === 'rework' ? t('verdict.reopened') : t('verdict.decided'),
              )
            }
          />
        ) : tab === 'summary' ? (
          loaded.summary && (
            <SummaryPanel
              summary={loaded.summary}
              departmentName={departmentName}
              categoryName={(code) => tLabel(labelKey.category(code))}
              executorName={executorName}
            />
          )
        ) : (
          <>
            <RulesPanel
              departments={departments}
              rules={loaded.rules}
              onChange={(departmentId, regime, required) =>
                void change(() => quality.setRule(departmentId, regime, required), t('approval.ruleSaved'))
              }
            />
            <BrushOffPanel
              key={loaded.brushOff.join('\n')}
              phrases={loaded.brushOff}
              onSave={(phrases) =>
                void change(() => quality.setBrushOff(phrases), t('approval.brushOffSaved'))
              }
            />
          </>
        )
      }
    </ServerScreen>
  );
}
