/** One inbound event as the dialogue sees it, and the small helpers every part of it shares. */
import type { Queryable } from '../../db/pool';
import type { PersonalDataConfig } from '../../personal-data/store';
import type { Command } from '../commands';
import type { Session } from '../sessions';
import type { AccountRef } from '../status';
import type { BotLanguage } from '../texts';
import type { BotInput, BotReply, WizardState } from '../types';

export interface WizardDeps {
  personalData: PersonalDataConfig;
  org: OrganisationFacts;
  now: number;
}

/** What the wizard's texts say of the organisation: its name and how long it keeps personal data. */
export interface OrganisationFacts {
  name: string;
  retentionYears: number;
}

export interface Turn {
  tx: Queryable;
  session: Session;
  input: BotInput;
  deps: WizardDeps;
  lang: BotLanguage;
  commands: Command[];
}

export const reply = (text: string, keyboard: BotReply['keyboard'] = null): BotReply => ({ text, keyboard });
export const has = (turn: Turn, command: Command) => turn.commands.includes(command);
export const who = (turn: Turn): AccountRef => ({
  orgId: turn.input.orgId,
  network: turn.input.network,
  accountId: turn.input.accountId,
  userId: turn.input.userId,
});

export function goIdle(session: Session): void {
  session.state = 'idle';
  session.data = {};
}

/**
 * Where an answer leads. A step's answer only says so; ./flow.ts applies it, the one place the
 * session moves between steps (so a step history, for going back, would be kept there).
 */
export interface Outcome {
  /** The next step; absent: the same step again. */
  to?: WizardState;
  /** Said before the next step's question. */
  before?: string;
  /** Said instead of the step's question, with its buttons: a re-ask with the reason. */
  instead?: string;
  /** The wizard is over: this is the answer, and the session returns to the menu. */
  finished?: BotReply;
}

/** On to a step, optionally after a line (the masked passport, the contact rule). */
export const next = (to: WizardState, before?: string): Outcome => (before ? { to, before } : { to });
/** The same step again, saying why instead of repeating its question. */
export const again = (instead: string): Outcome => ({ instead });
/** The same step again, its question repeated (an answer it does not take). */
export const stay: Outcome = {};
