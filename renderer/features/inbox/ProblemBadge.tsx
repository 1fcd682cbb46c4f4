import { useTranslation } from 'react-i18next';
import { useRxQuery } from '../../db/DatabaseProvider';

/**
 * «Одна проблема · N» on an inbox row of an appeal in a problem group (issue 13): N counts the
 * group's appeals this desktop holds (its departments' ones); the card lists them all.
 */
export function ProblemBadge({ problemId }: { problemId: string }) {
  const { t } = useTranslation('problems');
  const { result: members } = useRxQuery((db) => db.appeals.find({ selector: { problemId } }), [problemId]);
  const count = members?.length ?? 0;
  return (
    <span className="okno-row-problem" title={t('badge.hint')} data-testid="inbox-row-problem">
      {t('badge.label')}
      {count > 1 ? ` · ${count}` : ''}
    </span>
  );
}
