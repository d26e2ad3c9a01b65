/**
 * What the learner's shell is doing, judged from what the terminal itself knows, so that Run does
 * not type a command into something that will not run it. bash (5.1 and later) turns bracketed
 * paste on each time readline starts reading a line and off when it hands the line over, so
 * "on" means a prompt is waiting and "off" means a command is running. Full-screen programs
 * (less, vim, top) switch to the alternate screen. A continuation prompt (PS2, "> " by default) is
 * readline reading the rest of an unfinished command: typing there would append to it.
 */
export type ShellState = 'ready' | 'busy' | 'full-screen' | 'continuation' | 'unknown';

export interface TerminalView {
  alternateScreen: boolean;
  /** Bracketed paste was seen on at least once: this shell announces its prompts. */
  announcesPrompts: boolean;
  /** Bracketed paste is on now: readline is reading a line. */
  readingLine: boolean;
  /** The text of the cursor's line (from the start of a wrapped line) up to the cursor. */
  cursorLine: string;
}

export function judgeShellState(view: TerminalView): ShellState {
  if (view.alternateScreen) return 'full-screen';
  // A shell that never turns bracketed paste on (sh, an old bash, readline set up without it)
  // says nothing about being busy: Run types as it always did.
  if (!view.announcesPrompts) return 'unknown';
  if (!view.readingLine) return 'busy';
  if (view.cursorLine.startsWith('> ')) return 'continuation';
  return 'ready';
}

/** What Run did with a command, shown beside the button that asked. */
export type RunOutcome =
  | { kind: 'sent' }
  | { kind: 'interrupted' }
  | { kind: 'queued' }
  /** Waits for the command an earlier Run typed to finish. */
  | { kind: 'behind' }
  | { kind: 'off' }
  /** Not typed: the learner decides, with `force` (Ctrl-C first) when that can help. */
  | { kind: 'blocked'; state: 'busy' | 'full-screen' | 'continuation'; force?: () => void };
