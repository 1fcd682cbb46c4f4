/** Runs the step table (./steps.ts): asks a step's question, reads its answer, moves the session on. */
import { newId } from '../../ids';
import { previousApplicantId } from '../filing';
import { keyboardOf } from '../keyboards';
import type { BotLanguage } from '../texts';
import type { BotReply, WizardData, WizardState } from '../types';
import { statusNumberPrompt, welcome } from './menu';
import { isFilingState, wizardSteps } from './steps';
import { goIdle, type OrganisationFacts, type Outcome, reply, type Turn } from './turn';

/** The question of a state, with its buttons. */
export function promptFor(
  state: WizardState,
  data: WizardData,
  lang: BotLanguage,
  profileName: string,
  org: OrganisationFacts,
): BotReply {
  if (isFilingState(state)) {
    const step = wizardSteps[state];
    const asking = { data, lang, profileName, org };
    const rows = typeof step.buttons === 'function' ? step.buttons(asking) : step.buttons;
    return reply(step.question(asking), keyboardOf(lang, [...rows, ['cancel']]));
  }
  if (state === 'status_number') return statusNumberPrompt(lang);
  return welcome(lang);
}

export function current(turn: Turn): BotReply {
  return promptFor(turn.session.state, turn.session.data, turn.lang, turn.input.profileName, turn.deps.org);
}

export async function startWizard(turn: Turn): Promise<BotReply[]> {
  const previous = await previousApplicantId(
    turn.tx,
    turn.input.orgId,
    turn.input.network,
    turn.input.accountId,
    turn.input.userId,
  );
  turn.session.data = { applicantId: previous ?? newId(turn.deps.now), freshApplicant: previous === null };
  return settle(turn, { to: 'consent' });
}

/** The answer to the current step. */
export async function answerStep(turn: Turn): Promise<BotReply[]> {
  const state = turn.session.state;
  if (!isFilingState(state)) {
    goIdle(turn.session);
    return [current(turn)];
  }
  return settle(turn, await wizardSteps[state].answer(turn));
}

function settle(turn: Turn, outcome: Outcome): BotReply[] {
  if (outcome.finished) {
    goIdle(turn.session);
    return [outcome.finished];
  }
  if (outcome.to) turn.session.state = outcome.to;
  const prompt = current(turn);
  if (outcome.instead !== undefined) return [reply(outcome.instead, prompt.keyboard)];
  if (outcome.before !== undefined) return [reply(`${outcome.before}\n\n${prompt.text}`, prompt.keyboard)];
  return [prompt];
}
