/** Asks the engine about an image through the docker CLI (the build uses the CLI throughout). */
import { execFile } from 'node:child_process';

export function imageExists(tag: string): Promise<boolean> {
  return new Promise((resolve) => execFile('docker', ['image', 'inspect', '--format', '{{.Id}}', tag], (error) => resolve(!error)));
}

/** A label of an image, or undefined when the image or the label is missing. */
export function imageLabel(tag: string, label: string): Promise<string | undefined> {
  return new Promise((resolve) =>
    execFile('docker', ['image', 'inspect', '--format', `{{index .Config.Labels "${label}"}}`, tag], (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined)),
  );
}
