/**
 * Copy and Run for every `[data-command]` block on the page, including fix commands a Check result
 * adds later (one delegated listener, installed once however many components import it).
 */
import { copyText } from './copy-text.ts';

/** The command as the learner would type it: the code's text, with their current values. */
export function commandText(figure: Element): string {
  return (figure.querySelector('pre code')?.textContent ?? '').replace(/\n+$/, '');
}

export function installCommandActions() {
  const flag = '__workbookCommandActions';
  if ((window as unknown as Record<string, boolean>)[flag]) return;
  (window as unknown as Record<string, boolean>)[flag] = true;
  document.addEventListener('click', async (event) => {
    const button = (event.target as Element | null)?.closest('[data-command] button');
    const figure = button?.closest('[data-command]');
    if (!button || !figure) return;
    const command = commandText(figure);
    if (button.hasAttribute('data-copy')) {
      const label = button.textContent;
      const copied = await copyText(command);
      button.textContent = copied ? (button as HTMLElement).dataset.copiedLabel! : (button as HTMLElement).dataset.failedLabel!;
      setTimeout(() => (button.textContent = label), 1500);
    } else if (button.hasAttribute('data-run')) {
      // The terminal pane listens for this and types the command into the shell.
      window.dispatchEvent(new CustomEvent('workbook:run', { detail: { command, interrupt: figure.hasAttribute('data-interrupt') } }));
    }
  });
}
