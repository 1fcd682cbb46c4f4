import { fail, ok, type Result } from '../result';
import { CYRILLIC_LETTER, LATIN_LETTER, readInput } from './text';

/** RFC 5321 limits: a path of 254 characters, a local part of 64, a domain label of 63. */
const EMAIL_MAX = 254;
const LOCAL_MAX = 64;
const LABEL_MAX = 63;

/**
 * Local part: the unquoted dot-atom of RFC 5322, widened to Cyrillic letters because mailboxes such as
 * `иван@почта.рф` exist (RFC 6531). Quoted local parts and comments are refused: nobody types them and
 * they are a common vehicle for injection.
 */
const LOCAL_PART = /^[A-Za-z0-9а-яА-ЯёЁ!#$%&'*+/=?^_{|}~-]+(?:\.[A-Za-z0-9а-яА-ЯёЁ!#$%&'*+/=?^_{|}~-]+)*$/;
/** A domain label of Latin or Cyrillic letters, digits and inner hyphens (IDN such as `почта.рф`). */
const LABEL = /^[a-z0-9а-яё](?:[a-z0-9а-яё-]*[a-z0-9а-яё])?$/;
/** A top-level domain: letters only (`ru`, `рф`, `москва`), or its punycode form (`xn--p1ai`). */
const TOP_LEVEL = /^(?:[a-z]{2,63}|[а-яё]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Validates an e-mail address pragmatically and returns it with the domain lower-cased (the local part
 * is kept as typed: it is case-sensitive by RFC). Refuses a part that mixes Latin and Cyrillic letters,
 * which is nearly always a keyboard-layout slip (`pоchta.ru` with a Cyrillic "о").
 */
export function normalizeEmail(value: unknown): Result<string> {
  const input = readInput(value, EMAIL_MAX);
  if (!input.ok) {
    if (input.problem === 'missing') return fail('validation:email.required');
    return input.problem === 'tooLong'
      ? fail('validation:email.tooLong', { max: EMAIL_MAX })
      : fail('validation:email.format');
  }
  const at = input.text.lastIndexOf('@');
  if (at <= 0 || input.text.indexOf('@') !== at) return fail('validation:email.format');
  const local = input.text.slice(0, at);
  const domain = input.text.slice(at + 1).toLowerCase();
  if (local.length > LOCAL_MAX || !LOCAL_PART.test(local)) return fail('validation:email.format');
  if (mixesScripts(local)) return fail('validation:email.mixedScripts');
  const domainCheck = checkDomain(domain);
  if (!domainCheck.ok) return domainCheck;
  return ok(`${local}@${domain}`);
}

function checkDomain(domain: string): Result<string> {
  const labels = domain.split('.');
  if (labels.length < 2) return fail('validation:email.domain');
  for (const label of labels) {
    if (label.length > LABEL_MAX || !LABEL.test(label)) return fail('validation:email.domain');
    if (mixesScripts(label)) return fail('validation:email.mixedScripts');
  }
  if (!TOP_LEVEL.test(labels[labels.length - 1]!)) return fail('validation:email.domain');
  return ok(domain);
}

function mixesScripts(text: string): boolean {
  return CYRILLIC_LETTER.test(text) && LATIN_LETTER.test(text);
}
