/** Asks the engine about an image through the docker CLI (the build uses the CLI throughout). */
import { execFile } from 'node:child_process';

export function imageExists(tag: string): Promise<boolean> {
  return new Promise((resolve) => execFile('docker', ['image', 'inspect', '--format', '{{.Id}}', tag], (error) => resolve(!error)));
}

/** The image's id, or undefined when there is none by that name. */
export function imageId(tag: string): Promise<string | undefined> {
  return new Promise((resolve) => execFile('docker', ['image', 'inspect', '--format', '{{.Id}}', tag], (error, stdout) => resolve(error ? undefined : stdout.trim())));
}
