/**
 * The learner's side of "take control": follows /api/control/events, shows the instructor's
 * request with Allow and Decline, then a banner with "End control" while the grant lasts. While
 * this page is open the grant may live; when the learner's last page closes, the server ends it.
 */
interface ControlState {
  state: 'none' | 'requested' | 'active';
}

export function startControlPrompt() {
  const root = document.querySelector<HTMLElement>('[data-control-prompt]');
  if (!root) return;
  const ask = root.querySelector<HTMLElement>('[data-control-ask]')!;
  const banner = root.querySelector<HTMLElement>('[data-control-banner]')!;
  const show = (state: ControlState['state']) => {
    ask.hidden = state !== 'requested';
    banner.hidden = state !== 'active';
    root.dataset.state = state;
  };
  const events = new EventSource('/api/control/events');
  events.addEventListener('control', (event) => show((JSON.parse((event as MessageEvent<string>).data) as ControlState).state));
  root.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-control-answer]');
    if (!button) return;
    void fetch('/api/control', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: button.dataset.controlAnswer }) })
      .then(async (response) => {
        if (response.ok) show(((await response.json()) as ControlState).state);
        else show('none');
      })
      .catch(() => {});
  });
}
