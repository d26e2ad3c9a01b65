/**
 * PATH as a learner's machine has it: AWS CLI v2 (Debian's /usr/bin/aws) before anything else, so
 * a lesson suite runs the CLI the lessons are written for, not the v1 shim first on this machine's
 * PATH.
 */
export function learnerPath(path = process.env.PATH ?? ''): string {
  return ['/usr/bin', ...path.split(':').filter((entry) => entry && entry !== '/usr/bin')].join(':');
}
