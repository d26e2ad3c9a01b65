/**
 * <wb-room-broadcasts>: the instructor's messages as banners the learner can dismiss (a dismissal
 * is kept on the server, so it stays dismissed on reload and on other devices), and the learner's
 * deadline when the workshop has one.
 */
import { followRoom, postRoom, type RoomView } from './room-client.ts';

class RoomBroadcasts extends HTMLElement {
  connectedCallback() {
    const list = this.querySelector<HTMLElement>('[data-broadcast-list]')!;
    const template = this.querySelector<HTMLTemplateElement>('[data-broadcast-template]')!;
    const deadline = this.querySelector<HTMLElement>('[data-room-deadline]')!;
    const lang = document.documentElement.lang || 'en';
    const render = (view: RoomView) => {
      const shown = new Set(view.broadcasts.map((message) => String(message.id)));
      for (const item of [...list.children] as HTMLElement[]) if (!shown.has(item.dataset.broadcastId ?? '')) item.remove();
      for (const message of view.broadcasts) {
        if (list.querySelector(`[data-broadcast-id="${message.id}"]`)) continue;
        const item = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
        item.dataset.broadcastId = String(message.id);
        item.querySelector('[data-broadcast-text]')!.textContent = message.text;
        item.querySelector('button')!.addEventListener('click', () => void postRoom('/api/room/broadcasts/dismiss', { id: message.id }).catch(() => undefined));
        list.append(item);
      }
      deadline.hidden = !view.deadline;
      if (view.deadline) deadline.textContent = (this.dataset.deadline ?? '').replace('{time}', new Date(view.deadline).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' }));
    };
    void followRoom(render).then((hasRoom) => {
      this.hidden = !hasRoom;
    });
  }
}

if (!customElements.get('wb-room-broadcasts')) customElements.define('wb-room-broadcasts', RoomBroadcasts);
