/**
 * The join page in the browser: posts the event code and name to /workshop/join and shows the
 * answer (a refusal under the form, or the learner's rejoin link); opens a rejoin link
 * (`#rejoin=TOKEN`, a fragment the server never sees) by posting its token; and shows a browser
 * that is someone already who it is.
 */
interface Texts {
  joining: string;
  failed: string;
  notWorkshop: string;
  joinedTitle: string;
  prefix: string;
  copied: string;
  rejoining: string;
}

interface Joined {
  name?: string;
  rejoinLink?: string;
  awsPrefix?: string;
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

export function setupJoinPage(page: HTMLElement) {
  const lang = page.dataset.lang ?? 'en';
  const texts = JSON.parse(page.dataset.i18n ?? '{}') as Texts;
  const form = page.querySelector<HTMLFormElement>('[data-join-form]')!;
  const error = page.querySelector<HTMLElement>('[data-join-error]')!;
  const submit = page.querySelector<HTMLButtonElement>('[data-join-submit]')!;
  const submitLabel = submit.textContent ?? '';
  const joined = page.querySelector<HTMLElement>('[data-joined]')!;
  const instructorView = page.querySelector<HTMLElement>('[data-instructor]')!;
  const link = page.querySelector<HTMLInputElement>('[data-rejoin-link]')!;

  const showError = (message: string, fields: string[] = []) => {
    error.textContent = message;
    error.hidden = false;
    for (const input of form.querySelectorAll('input')) input.setAttribute('aria-invalid', String(fields.includes(input.name)));
    form.querySelector<HTMLInputElement>(`input[name="${fields[0] ?? ''}"]`)?.focus();
  };

  const showJoined = (answer: Joined) => {
    form.hidden = true;
    joined.hidden = false;
    page.querySelector('[data-joined-title]')!.textContent = fill(texts.joinedTitle, { name: answer.name ?? '' });
    link.value = answer.rejoinLink ?? '';
    const prefix = page.querySelector<HTMLElement>('[data-joined-prefix]')!;
    if (answer.awsPrefix) {
      prefix.textContent = fill(texts.prefix, { prefix: answer.awsPrefix });
      prefix.hidden = false;
    }
    page.querySelector<HTMLElement>('.joined a.start')?.focus();
  };

  /** Posts JSON; a non-JSON answer means this server runs no workshop (solo mode renders a page). */
  const post = async (path: string, body: unknown): Promise<{ status: number; answer: Record<string, unknown> }> => {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
    if (!(response.headers.get('content-type') ?? '').includes('application/json')) return { status: 0, answer: { error: texts.notWorkshop } };
    return { status: response.status, answer: (await response.json()) as Record<string, unknown> };
  };

  const whoAmI = async () => {
    const response = await fetch(`/api/workshop/me?lang=${lang}`, { cache: 'no-store', credentials: 'same-origin' }).catch(() => undefined);
    if (!response?.ok) return;
    const me = (await response.json()) as Joined & { kind?: string };
    if (me.kind === 'instructor') {
      form.hidden = true;
      instructorView.hidden = false;
    } else if (me.kind === 'learner') showJoined(me);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    submit.disabled = true;
    submit.textContent = texts.joining;
    error.hidden = true;
    try {
      const { status, answer } = await post('/workshop/join', { eventCode: String(data.get('eventCode') ?? ''), name: String(data.get('name') ?? ''), lang });
      if (status === 200) {
        const me = await fetch(`/api/workshop/me?lang=${lang}`, { cache: 'no-store' }).then((r) => (r.ok ? (r.json() as Promise<Joined>) : undefined)).catch(() => undefined);
        showJoined({ ...answer, ...(me?.awsPrefix && { awsPrefix: me.awsPrefix }) } as Joined);
      } else {
        const problems = (answer.problems as Array<{ field: string }> | undefined) ?? [];
        showError(String(answer.error ?? texts.notWorkshop), problems.map((p) => p.field));
      }
    } catch (failure) {
      showError(fill(texts.failed, { reason: (failure as Error).message }));
    } finally {
      submit.disabled = false;
      submit.textContent = submitLabel;
    }
  });

  page.querySelector('[data-rejoin-copy]')?.addEventListener('click', async (event) => {
    const button = event.currentTarget as HTMLButtonElement;
    link.select();
    try {
      await navigator.clipboard.writeText(link.value);
      button.textContent = texts.copied;
    } catch {
      // The link stays selected for the learner to copy by hand.
    }
  });

  const rejoin = /^#rejoin=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (rejoin) {
    // Out of the address bar and history before anything else: the token is the learner.
    history.replaceState(null, '', location.pathname + location.search);
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = texts.rejoining;
    void post('/workshop/rejoin', { token: rejoin[1], lang })
      .then(({ status, answer }) => {
        if (status === 200) location.assign(String(answer.next ?? `/${lang}/`));
        else showError(String(answer.error ?? texts.notWorkshop));
      })
      .catch((failure: Error) => showError(fill(texts.failed, { reason: failure.message })))
      .finally(() => {
        submit.disabled = false;
        submit.textContent = submitLabel;
      });
  } else if (!/^#sign-in=/.test(location.hash)) {
    void whoAmI();
  }
}
