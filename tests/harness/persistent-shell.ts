/** The lesson-as-code shell is the product's rehearsal shell (`ecs-workbook course run`). */
export { CourseShell as PersistentShell, type ShellResult } from '../../src/course-run/course-shell.ts';
