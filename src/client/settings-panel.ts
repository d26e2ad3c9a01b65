/**
 * The "Your settings" form: loads the settings, the effective values and the identity from the
 * API, saves with PUT (refused fields are marked with the rule they broke), and updates every
 * learner value on the page in place (`.wb-var[data-var]`: Command blocks and `<Var>`).
 */
import { applyVariables } from './live-progress.ts';

interface SettingsView {
  settings: Record<string, string | undefined>;
  variables: Record<string, string>;
  identity: { accountId: string; arn: string } | null;
  region: { region: string; source: string };
}

export function setupSettingsPanel(form: HTMLFormElement) {
  const t = JSON.parse(form.dataset.i18n ?? '{}') as Record<string, string>;
  const status = form.querySelector<HTMLElement>('[data-settings-status]')!;
  const show = (view: SettingsView) => {
    form.querySelector('[data-identity-account]')!.textContent = view.identity?.accountId ?? t.unknownIdentity!;
    form.querySelector('[data-identity-arn]')!.textContent = view.identity?.arn ?? t.unknownIdentity!;
    for (const input of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name]')) {
      if (document.activeElement !== input) input.value = view.settings[input.name] ?? '';
    }
    const region = form.querySelector<HTMLInputElement>('input[name="region"]');
    const cli = view.region.source === 'setting' ? undefined : view.region;
    if (region && cli) region.placeholder = cli.region;
    const help = form.querySelector<HTMLElement>('[data-region-help]');
    if (help && cli) help.textContent = (t.regionHelp ?? '').replace('{region}', cli.region).replace('{source}', t[`source.${cli.source}`] ?? cli.source);
  };
  const load = async () => {
    const response = await fetch('/api/settings');
    if (response.ok) show((await response.json()) as SettingsView);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const marked of form.querySelectorAll('[aria-invalid]')) marked.removeAttribute('aria-invalid');
    for (const message of form.querySelectorAll('[data-field-error]')) message.textContent = '';
    const body: Record<string, string> = {};
    for (const input of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name]')) if (input.value.trim()) body[input.name] = input.value.trim();
    const response = await fetch('/api/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await response.json()) as SettingsView & { problems?: { field: string; message: string }[] };
    if (!response.ok) {
      status.textContent = t.invalid!;
      for (const problem of answer.problems ?? []) {
        form.querySelector(`[name="${CSS.escape(problem.field)}"]`)?.setAttribute('aria-invalid', 'true');
        const slot = form.querySelector(`[data-field-error="${CSS.escape(problem.field)}"]`);
        if (slot) slot.textContent = problem.message;
      }
      return;
    }
    status.textContent = t.saved!;
    show(answer);
    applyVariables(answer.variables);
  });
  window.addEventListener('workbook:settings', (event) => show((event as CustomEvent<SettingsView>).detail));
  void load();
}
