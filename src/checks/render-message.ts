/**
 * Renders result messages in the learner's language. The dictionary merges the shared texts
 * (src/checks/messages.ts) with the course's own (`checks/<lesson>/messages.ts`, loaded by the
 * course's checks, `checks/index.ts`).
 */
import { format } from '../i18n/translate.ts';
import type { Language } from '../i18n/languages.ts';
import type { CheckItem, CheckResult, CheckStatus, FoundResource, ItemStatus, Message } from './check-contract.ts';
import { messages as shared } from './messages.ts';

export type Dictionary = Record<string, string>;
export interface Dictionaries { en: Dictionary; ja: Dictionary }
/** The shared texts (src/checks/messages.ts) with every lesson's own, later ones winning. */
export function mergeDictionaries(lessons: Iterable<Dictionaries>): Dictionaries {
  const all: Dictionaries = { en: { ...shared.en }, ja: { ...shared.ja } };
  for (const { en, ja } of lessons) {
    Object.assign(all.en, en);
    Object.assign(all.ja, ja);
  }
  return all;
}

/** An unknown key is shown as itself, so a missing text is noticed rather than hidden. */
export function renderMessage(message: Message | undefined, lang: Language, dictionaries: Dictionaries): string | undefined {
  if (!message) return undefined;
  const template = dictionaries[lang][message.key] ?? dictionaries.en[message.key] ?? message.key;
  return format(template, message.params);
}

export interface RenderedItem extends Omit<CheckItem, 'label' | 'hint' | 'expected' | 'actual'> {
  status: ItemStatus;
  label: string;
  hint?: string;
  expected?: string;
  actual?: string;
}

/** A value is either as found (an id, a status, a CIDR) or, when it is words, a message to translate. */
function renderValue(value: string | Message | undefined, lang: Language, dictionaries: Dictionaries): string | undefined {
  return typeof value === 'string' || value === undefined ? value : renderMessage(value, lang, dictionaries);
}

export interface RenderedResult {
  status: CheckStatus;
  summary: string;
  items: RenderedItem[];
  resources: FoundResource[];
}

export function renderResult(result: CheckResult, lang: Language, dictionaries: Dictionaries): RenderedResult {
  return {
    status: result.status,
    summary: renderMessage(result.summary, lang, dictionaries)!,
    items: result.items.map((item) => {
      const hint = renderMessage(item.hint, lang, dictionaries);
      const expected = renderValue(item.expected, lang, dictionaries);
      const actual = renderValue(item.actual, lang, dictionaries);
      return {
        ...item,
        label: renderMessage(item.label, lang, dictionaries)!,
        ...(expected !== undefined && { expected }),
        ...(actual !== undefined && { actual }),
        ...(hint !== undefined ? { hint } : { hint: undefined }),
      } as RenderedItem;
    }).map(({ hint, ...rest }) => (hint === undefined ? rest : { ...rest, hint })),
    resources: result.resources,
  };
}
