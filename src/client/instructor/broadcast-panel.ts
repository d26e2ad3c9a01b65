/** <wb-broadcast-panel>: sends a message to every learner, and lists those on show with "Withdraw". */
import { label, roomToolsRequest } from './room-tools-api.ts';

interface Broadcast { id: number; text: string; sentAt: string }

class BroadcastPanel extends HTMLElement {
  connectedCallback() {
    const form = this.querySelector<HTMLFormElement>('form')!;
    const field = this.querySelector<HTMLTextAreaElement>('textarea')!;
    const status = this.querySelector<HTMLElement>('[data-broadcast-status]')!;
    const list = this.querySelector<HTMLUListElement>('[data-broadcast-shown]')!;
    const render = (broadcasts: Broadcast[]) => {
      list.replaceChildren(
        ...broadcasts.map((message) => {
          const item = document.createElement('li');
          const text = document.createElement('span');
          text.textContent = message.text;
          const withdraw = document.createElement('button');
          withdraw.type = 'button';
          withdraw.textContent = label(this, 'withdraw');
          withdraw.setAttribute('aria-label', `${label(this, 'withdraw')}: ${message.text}`);
          withdraw.addEventListener('click', () => {
            roomToolsRequest<{ broadcasts: Broadcast[] }>('/api/instructor/broadcasts/withdraw', { id: message.id })
              .then((answer) => render(answer.broadcasts))
              .catch((error: Error) => (status.textContent = error.message));
          });
          item.append(text, ' ', withdraw);
          return item;
        }),
      );
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      roomToolsRequest<{ broadcasts: Broadcast[] }>('/api/instructor/broadcasts', { text: field.value })
        .then((answer) => {
          field.value = '';
          status.textContent = label(this, 'sent');
          render(answer.broadcasts);
        })
        .catch((error: Error) => (status.textContent = error.message));
    });
    void roomToolsRequest<{ broadcasts: Broadcast[] }>('/api/instructor/broadcasts').then((answer) => render(answer.broadcasts)).catch((error: Error) => (status.textContent = error.message));
  }
}

if (!customElements.get('wb-broadcast-panel')) customElements.define('wb-broadcast-panel', BroadcastPanel);
