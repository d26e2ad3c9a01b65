/**
 * <wb-hand-queue>: the raised hands, first raised first, live. Each shows who, since when, the
 * failing Check they were stuck on (its failing items with their hints) and their terminal's screen,
 * with "On my way" and "Resolved". Each change is announced as a bubbling `hands-changed` event.
 */
import { clock, label, roomToolsRequest } from './room-tools-api.ts';

interface RenderedItem { status: string; label: string; hint?: string }
interface QueuedHand {
  id: number;
  learner: string;
  name: string;
  status: 'waiting' | 'on-the-way';
  source: 'button' | 'terminal';
  raisedAt: string;
  screen: string;
  check: { step: string; result: { status: string; summary: string; items: RenderedItem[] } } | null;
}

class HandQueuePanel extends HTMLElement {
  connectedCallback() {
    const list = this.querySelector<HTMLOListElement>('[data-hand-list]')!;
    const empty = this.querySelector<HTMLElement>('[data-hand-empty]')!;
    const problem = this.querySelector<HTMLElement>('[data-hand-problem]')!;
    const lang = document.documentElement.lang || 'en';
    const act = (id: number, status: 'on-the-way' | 'resolved') =>
      roomToolsRequest(`/api/instructor/hands/status?lang=${lang}`, { id, status })
        .then(() => (problem.textContent = ''))
        .catch((error: Error) => (problem.textContent = error.message));
    const render = (hands: QueuedHand[]) => {
      empty.hidden = hands.length > 0;
      list.replaceChildren(
        ...hands.map((hand) => {
          const item = document.createElement('li');
          item.className = 'hand';
          item.dataset.handLearner = hand.learner;
          const head = document.createElement('p');
          const who = document.createElement('strong');
          who.textContent = hand.name;
          const state = document.createElement('span');
          state.className = `hand-state hand-${hand.status}`;
          state.textContent = label(this, hand.status === 'waiting' ? 'waiting' : 'going');
          const when = document.createElement('span');
          when.className = 'hand-when';
          when.textContent = label(this, 'raisedAt', { time: clock(hand.raisedAt), source: label(this, hand.source === 'terminal' ? 'sourceTerminal' : 'sourceButton') });
          head.append(who, ' ', state, ' ', when);
          const check = document.createElement('div');
          check.className = 'hand-check';
          if (hand.check) {
            const summary = document.createElement('p');
            const step = document.createElement('code');
            step.textContent = hand.check.step;
            summary.append(step, ` ${hand.check.result.summary}`);
            const items = document.createElement('ul');
            for (const failing of hand.check.result.items.filter((entry) => entry.status === 'fail' || entry.status === 'error')) {
              const entry = document.createElement('li');
              entry.textContent = failing.hint ? `${failing.label}: ${failing.hint}` : failing.label;
              items.append(entry);
            }
            check.append(summary, items);
          } else check.textContent = label(this, 'noCheck');
          const screen = document.createElement('details');
          const screenLabel = document.createElement('summary');
          screenLabel.textContent = label(this, 'screen');
          const pre = document.createElement('pre');
          pre.textContent = hand.screen;
          pre.tabIndex = 0;
          screen.append(screenLabel, pre);
          const actions = document.createElement('p');
          actions.className = 'hand-actions';
          for (const [status, name] of [['on-the-way', 'onMyWay'], ['resolved', 'resolved']] as const) {
            if (status === 'on-the-way' && hand.status === 'on-the-way') continue;
            const button = document.createElement('button');
            button.type = 'button';
            button.textContent = label(this, name);
            button.setAttribute('aria-label', `${label(this, name)}: ${hand.name}`);
            button.addEventListener('click', () => void act(hand.id, status));
            actions.append(button);
          }
          item.append(head, check, screen, actions);
          return item;
        }),
      );
    };
    const events = new EventSource(`/api/instructor/room-events?lang=${lang}`);
    events.addEventListener('hands', (event) => {
      render((JSON.parse((event as MessageEvent<string>).data) as { hands: QueuedHand[] }).hands);
      // The grid shows who has a hand up: it reads the room again (start-room.ts listens).
      this.dispatchEvent(new CustomEvent('hands-changed', { bubbles: true }));
    });
  }
}

if (!customElements.get('wb-hand-queue')) customElements.define('wb-hand-queue', HandQueuePanel);
