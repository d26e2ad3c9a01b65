/**
 * <wb-raise-hand>: the learner's "Raise hand" button and, live, their place in the queue or the
 * instructor's answer. `ecs-workbook hand` in the terminal raises the same hand.
 */
import { followRoom, postRoom, type RoomView } from './room-client.ts';

class RaiseHand extends HTMLElement {
  connectedCallback() {
    const button = this.querySelector<HTMLButtonElement>('[data-hand-button]')!;
    const status = this.querySelector<HTMLElement>('[data-hand-status]')!;
    const label = (name: string) => this.dataset[name] ?? '';
    let view: RoomView | undefined;
    const render = (next: RoomView) => {
      view = next;
      const open = next.hand && (next.hand.status === 'waiting' || next.hand.status === 'on-the-way');
      button.textContent = open ? label('lower') : label('raise');
      button.setAttribute('aria-pressed', String(Boolean(open)));
      const hand = next.hand;
      status.textContent = !hand ? '' : hand.status === 'waiting' ? label('waiting').replace('{place}', String(hand.place ?? '')) : label(hand.status === 'on-the-way' ? 'onTheWay' : 'resolved');
      status.dataset.handState = hand?.status ?? 'none';
    };
    button.addEventListener('click', () => {
      const open = view?.hand && (view.hand.status === 'waiting' || view.hand.status === 'on-the-way');
      button.disabled = true;
      postRoom(open ? '/api/room/hand/lower' : '/api/room/hand')
        .catch((error: Error) => {
          status.textContent = label('failed').replace('{reason}', error.message);
        })
        .finally(() => {
          button.disabled = false;
        });
    });
    void followRoom(render).then((hasRoom) => {
      this.hidden = !hasRoom;
    });
  }
}

if (!customElements.get('wb-raise-hand')) customElements.define('wb-raise-hand', RaiseHand);
