/** <wb-preflight-panel>: runs the pre-flight for N learners and lists the findings, problems first. */
import { label, roomToolsRequest } from './room-tools-api.ts';

interface Report { summary: string; findings: { id: string; status: 'ok' | 'warn' | 'problem' | 'skipped'; title: string; detail: string; fix?: string }[] }

class PreflightPanel extends HTMLElement {
  connectedCallback() {
    const form = this.querySelector<HTMLFormElement>('form')!;
    const summary = this.querySelector<HTMLElement>('[data-preflight-summary]')!;
    const list = this.querySelector<HTMLUListElement>('[data-preflight-findings]')!;
    const button = form.querySelector<HTMLButtonElement>('button')!;
    const lang = document.documentElement.lang || 'en';
    const statusName = { ok: 'ok', warn: 'warn', problem: 'problem', skipped: 'skipped' } as const;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const learners = form.querySelector<HTMLInputElement>('input[type=number]')!.value;
      const aws = form.querySelector<HTMLInputElement>('input[type=checkbox]')!.checked;
      button.disabled = true;
      summary.textContent = label(this, 'running');
      list.replaceChildren();
      roomToolsRequest<Report>(`/api/instructor/preflight?learners=${encodeURIComponent(learners)}&lang=${lang}${aws ? '&aws=1' : ''}`)
        .then((report) => {
          summary.textContent = report.summary;
          list.replaceChildren(
            ...report.findings.map((finding) => {
              const item = document.createElement('li');
              item.className = `finding finding-${finding.status}`;
              item.dataset.finding = finding.id;
              const head = document.createElement('p');
              const mark = document.createElement('strong');
              mark.textContent = `${label(this, statusName[finding.status])}: `;
              head.append(mark, finding.title);
              const detail = document.createElement('p');
              detail.textContent = finding.detail;
              item.append(head, detail);
              if (finding.fix) {
                const fix = document.createElement('p');
                fix.className = 'finding-fix';
                fix.textContent = `→ ${finding.fix}`;
                item.append(fix);
              }
              return item;
            }),
          );
        })
        .catch((error: Error) => (summary.textContent = error.message))
        .finally(() => (button.disabled = false));
    });
  }
}

if (!customElements.get('wb-preflight-panel')) customElements.define('wb-preflight-panel', PreflightPanel);
