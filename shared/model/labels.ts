import type { ClassifierSection } from '../domain/classifier/default-edition';
import type { SstuResult } from '../domain/classifier/results';
import type { AppealAction } from '../domain/status-machine';
import type {
  AppealForm,
  AppealStatus,
  ApplicantType,
  Art11Outcome,
  Channel,
  DeadlineShiftRule,
  DeliveryStatus,
  IdentificationMethod,
  NameMatchVerdict,
  Regime,
  Role,
} from './vocabulary';

/**
 * i18n keys of the domain vocabularies, so a component never spells a key by hand:
 * `t(labelKey.status(appeal.status))`. Every value has a label in ru and en (tests/unit/shared/model/labels.test.ts).
 */
export const labelKey = {
  regime: (value: Regime) => `domain:regime.${value}`,
  channel: (value: Channel) => `domain:channel.${value}`,
  role: (value: Role) => `domain:role.${value}`,
  status: (value: AppealStatus) => `domain:status.${value}`,
  action: (value: AppealAction) => `domain:action.${value}`,
  identification: (value: IdentificationMethod) => `domain:identification.${value}`,
  applicantType: (value: ApplicantType) => `domain:applicantType.${value}`,
  form: (value: AppealForm) => `domain:form.${value}`,
  nameMatch: (value: NameMatchVerdict) => `domain:nameMatch.${value}`,
  shiftRule: (value: DeadlineShiftRule) => `domain:shiftRule.${value}`,
  result: (value: SstuResult) => `domain:result.${value}`,
  art11: (value: Art11Outcome) => `domain:art11.${value}`,
  delivery: (value: DeliveryStatus) => `domain:delivery.${value}`,
  /** A working category code, e.g. `roads`. */
  category: (code: string) => `domain:category.${code}`,
  /** A subcategory code `<category>.<subcategory>`, e.g. `roads.potholes`. */
  subcategory: (code: string) => `domain:subcategory.${code}`,
  classifierSection: (value: ClassifierSection) => `domain:classifierSection.${value}`,
} as const;
