/**
 * The class diagnosis of one step as one sentence an instructor can read out, in English or
 * Japanese: "11 of 28 stuck at service/healthy-targets. Most common: 'Targets are healthy' — 9
 * learners, 'Health checks failed'." Check texts come from the course's dictionaries.
 */
import { renderMessage, type Dictionaries } from '../checks/render-message.ts';
import type { Message } from '../checks/check-contract.ts';
import type { Language } from '../i18n/languages.ts';
import { useTranslations } from '../i18n/translate.ts';
import type { CommonItem, StepDiagnosis } from './class-diagnosis.ts';

const text = (value: string | Message | undefined, lang: Language, dictionaries: Dictionaries) =>
  typeof value === 'string' || value === undefined ? value : renderMessage(value, lang, dictionaries);

/** The item's label, its detail (what was found), hint and fix, in the reader's language. */
export function renderCommonItem(item: CommonItem, lang: Language, dictionaries: Dictionaries) {
  return {
    key: item.key,
    count: item.count,
    label: renderMessage(item.example.label, lang, dictionaries) ?? item.key,
    detail: text(item.detail, lang, dictionaries),
    hint: renderMessage(item.example.hint, lang, dictionaries),
    fix: item.example.fix,
    details: item.example.details,
  };
}

export function diagnosisSentence(diagnosis: StepDiagnosis, lang: Language, dictionaries: Dictionaries): string {
  const t = useTranslations(lang);
  const { step, total } = diagnosis;
  const parts: string[] = [];
  if (diagnosis.stuck > 0) parts.push(t('room.sentence.stuck', { count: diagnosis.stuck, total, step }));
  else if (diagnosis.failing > 0) parts.push(t('room.sentence.failing', { count: diagnosis.failing, total, step }));
  else parts.push(t('room.sentence.passed', { count: diagnosis.passed, total, step }));
  if (diagnosis.topFailing) {
    const item = renderCommonItem(diagnosis.topFailing, lang, dictionaries);
    parts.push(item.detail ? t('room.sentence.common', { label: item.label, count: item.count, detail: item.detail }) : t('room.sentence.common-plain', { label: item.label, count: item.count }));
  }
  if (diagnosis.topCouldNotCheck) {
    const item = renderCommonItem(diagnosis.topCouldNotCheck, lang, dictionaries);
    parts.push(t('room.sentence.could-not-check', { count: diagnosis.couldNotCheck, label: item.label }));
  }
  return parts.join(lang === 'ja' ? '' : ' ');
}
