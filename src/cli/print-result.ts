/** A check result as a checklist in the terminal, coloured when the output is a TTY. */
import { styleText } from 'node:util';
import type { ItemStatus } from '../checks/check-contract.ts';
import type { RenderedResult } from '../checks/render-message.ts';
import type { Language } from '../i18n/languages.ts';
import { useTranslations } from '../i18n/translate.ts';

const symbols: Record<ItemStatus, string> = { pass: '✔', fail: '✖', pending: '◌', error: '!', warn: '▲' };
const colours: Record<ItemStatus, Parameters<typeof styleText>[0]> = { pass: 'green', fail: 'red', pending: 'yellow', error: 'magenta', warn: 'yellow' };

export function formatResult(stepId: string, result: RenderedResult, lang: Language, colour: boolean): string {
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (colour ? styleText(style, text, { validateStream: false }) : text);
  const t = useTranslations(lang);
  const w = { expected: t('cli.expected'), actual: t('cli.actual') };
  const lines = [`${paint(colours[result.status], `${symbols[result.status]} ${t(`cli.status.${result.status}`)}`)} ${paint('bold', stepId)}: ${result.summary}`];
  for (const item of result.items) {
    lines.push(`  ${paint(colours[item.status], symbols[item.status])} ${item.label}`);
    const detail = (text: string) => lines.push(`      ${text}`);
    if (item.status === 'pass') {
      if (item.actual) detail(paint('dim', item.actual));
      continue;
    }
    if (item.expected !== undefined) detail(`${w.expected}: ${item.expected}`);
    if (item.actual !== undefined) detail(`${w.actual}: ${item.actual}`);
    if (item.hint) detail(item.hint);
    if (item.fix) detail(paint('cyan', `$ ${item.fix}`));
    if (item.details) for (const line of item.details.split('\n')) detail(paint('dim', line));
  }
  return lines.join('\n');
}
