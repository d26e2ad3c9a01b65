/**
 * Copy and Run for every `[data-command]` block on the page, including fix commands a Check result
 * adds later (one delegated listener, installed once however many components import it). Run
 * says under the block what became of the command: typed, waiting for the terminal, or not typed
 * because the shell is busy, in a full-screen program or at a continuation prompt, with what helps.
 */
import { copyText } from './copy-text.ts';
import type { RunOutcome } from './terminal/shell-state.ts';

/** The command as the learner would type it: the code's text, with their current values. */
export function commandText(figure: Element): string {
  return (figure.querySelector('pre code')?.textContent ?? '').replace(/\n+$/, '');
}

/** The words Run uses, rendered once into the terminal pane (TerminalPane.astro) in the page's language. */
type RunTexts = Record<'sent' | 'interrupted' | 'queued' | 'behind' | 'off' | 'busy' | 'full-screen' | 'continuation' | 'force-busy' | 'force-continuation' | 'go', string>;

function runTexts(): RunTexts | undefined {
  const source = document.querySelector<HTMLElement>('[data-run-texts]');
  return source ? (JSON.parse(source.dataset.runTexts!) as RunTexts) : undefined;
}

const narrow = () => window.matchMedia('(max-width: 1000px)').matches;

/** The line under a block that says what Run did; made once per block, as a polite live region. */
function feedbackLine(figure: Element): HTMLElement {
  let line = figure.querySelector<HTMLElement>(':scope > [data-run-feedback]');
  if (!line) {
    line = document.createElement('p');
    line.className = 'run-feedback';
    line.dataset.runFeedback = '';
    line.setAttribute('role', 'status');
    figure.append(line);
  }
  return line;
}

function showOutcome(figure: Element, outcome: RunOutcome) {
  const texts = runTexts();
  if (!texts) return;
  const line = feedbackLine(figure);
  const fill = () => {
    line.replaceChildren();
    line.dataset.outcome = outcome.kind === 'blocked' ? outcome.state : outcome.kind;
    const words = outcome.kind === 'blocked' ? texts[outcome.state] : texts[outcome.kind];
    line.append(document.createTextNode(words));
    const action = (label: string, onClick: () => void) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'run-feedback-action';
      button.textContent = label;
      button.addEventListener('click', onClick);
      line.append(' ', button);
    };
    if (outcome.kind === 'blocked' && outcome.force) {
      const force = outcome.force;
      action(outcome.state === 'busy' ? texts['force-busy'] : texts['force-continuation'], () => force());
    }
    // Typing next is the learner's choice: the terminal gets the focus only when asked.
    if (outcome.kind !== 'off') action(texts.go, () => window.dispatchEvent(new CustomEvent('workbook:focus-terminal')));
  };
  // A live region that was just created may miss its first change: fill it a moment later.
  if (line.childNodes.length === 0 && !line.dataset.outcome) requestAnimationFrame(fill);
  else fill();
}

export function installCommandActions() {
  const flag = '__workbookCommandActions';
  if ((window as unknown as Record<string, boolean>)[flag]) return;
  (window as unknown as Record<string, boolean>)[flag] = true;
  document.addEventListener('click', async (event) => {
    const button = (event.target as Element | null)?.closest('[data-command] button:is([data-copy], [data-run])');
    const figure = button?.closest('[data-command]');
    if (!button || !figure) return;
    const command = commandText(figure);
    if (button.hasAttribute('data-copy')) {
      const label = button.textContent;
      const copied = await copyText(command);
      button.textContent = copied ? (button as HTMLElement).dataset.copiedLabel! : (button as HTMLElement).dataset.failedLabel!;
      setTimeout(() => (button.textContent = label), 1500);
    } else if (button.hasAttribute('data-run')) {
      // The terminal pane listens for this and types the command into the shell. A click with
      // the pointer on a wide screen means "I will type next"; Enter or Space on the button does
      // not take a keyboard user into the terminal (whose Tab belongs to bash).
      const detail = {
        command,
        interrupt: figure.hasAttribute('data-interrupt'),
        focus: (event as MouseEvent).detail > 0 && !narrow(),
        reply: (outcome: RunOutcome) => showOutcome(figure, outcome),
        heard: false,
      };
      window.dispatchEvent(new CustomEvent('workbook:run', { detail }));
      // A listener marks the request at once; nobody listens when this browser is not signed in.
      if (!detail.heard) showOutcome(figure, { kind: 'off' });
    }
  });
}
