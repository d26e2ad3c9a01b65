/** The lesson-as-code reader is the product's rehearsal reader (`ecs-workbook course run`). */
export { lessonCommands, runnableCommands, type LessonCommand } from '../../src/course-run/lesson-commands.ts';
