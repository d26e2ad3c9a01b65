/**
 * The learner's sandbox, from their page, in a workshop (inert in solo mode: the server has no
 * sandbox API there and answers 404, and this stops at once):
 * - while the page is visible it tells the server so (a presence beat each minute, and at once on
 *   return), so reading a lesson never counts as idle and a paused sandbox starts on return;
 * - when the sandbox has died (out of memory, killed) it says so and offers a reset.
 */
export interface SandboxStatusStrings {
  died: string;
  oom: string;
  killed: string;
  offer: string;
  reset: string;
  confirm: string;
  resetting: string;
  done: string;
  failed: string;
}

const beatMs = 60_000;
const post = (path: string) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' });

export async function watchSandbox(root: HTMLElement, strings: SandboxStatusStrings): Promise<void> {
  const first = await fetch('/api/workshop/sandbox', { credentials: 'same-origin' }).catch(() => undefined);
  if (!first || first.status === 404 || first.status === 401 || first.status === 403) return;
  const text = root.querySelector<HTMLElement>('[data-sandbox-text]')!;
  const button = root.querySelector<HTMLButtonElement>('[data-sandbox-reset]')!;

  const show = (status: { phase?: string; reason?: string }) => {
    if (status.phase !== 'failed') {
      if (!root.dataset.resetDone) root.hidden = true;
      return;
    }
    const code = /exit code (-?\d+)/.exec(status.reason ?? '')?.[1] ?? '?';
    const why = /memory/i.test(status.reason ?? '') ? strings.oom : strings.killed.replace('{code}', code);
    text.textContent = `${strings.died.replace('{reason}', why)} ${strings.offer}`;
    button.hidden = false;
    root.hidden = false;
  };
  const refresh = async () => {
    const answer = await fetch('/api/workshop/sandbox', { credentials: 'same-origin' }).catch(() => undefined);
    if (answer?.ok) show((await answer.json()) as { phase?: string; reason?: string });
  };
  show((await first.json().catch(() => ({}))) as { phase?: string });

  const beat = () => {
    if (document.visibilityState === 'visible') void post('/api/workshop/presence').catch(() => undefined);
  };
  beat();
  setInterval(() => {
    beat();
    if (document.visibilityState === 'visible') void refresh();
  }, beatMs);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      beat();
      void refresh();
    }
  });
  // The terminal's shell ended: the sandbox may have died; look now rather than in a minute.
  document.addEventListener('ecs-workbook:shell-exited', () => void refresh());

  button.addEventListener('click', async () => {
    if (!confirm(strings.confirm)) return;
    button.disabled = true;
    text.textContent = strings.resetting;
    const answer = await post('/api/workshop/sandbox/reset').catch(() => undefined);
    button.disabled = false;
    if (answer?.ok) {
      root.dataset.resetDone = 'true';
      text.textContent = strings.done;
      button.hidden = true;
    } else {
      const body = (await answer?.json().catch(() => ({}))) as { error?: string } | undefined;
      text.textContent = strings.failed.replace('{reason}', body?.error ?? 'no answer');
    }
  });
}
