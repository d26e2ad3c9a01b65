/**
 * The sample app's Dockerfile as lesson 02 has the learner write it (a test keeps this equal to
 * sandbox/app/Dockerfile), so a check can offer the exact file as its fix.
 */
import { shellQuote } from '#check-kit';
export const sampleDockerfile = "# The sample app: a web page that shows its version and the container that served it.\n# The base image is a build argument; by default busybox from the ECR Public Gallery\n# (about 4 MB, with a small web server built in).\nARG BASE_IMAGE=public.ecr.aws/docker/library/busybox:1.36\nFROM ${BASE_IMAGE}\n\n# Version 1 unless the build says otherwise: docker build --build-arg APP_VERSION=2 ...\nARG APP_VERSION=1\nENV APP_VERSION=${APP_VERSION}\n\nWORKDIR /app\nCOPY start.sh /app/start.sh\nRUN chmod +x /app/start.sh && mkdir -p /app/public\n\nEXPOSE 3000\nCMD [\"/app/start.sh\"]\n";

/** A command that writes the Dockerfile into a folder, as the lesson does. */
export function writeDockerfileCommand(folder: string): string {
  return `cat > ${shellQuote(`${folder}/Dockerfile`)} <<'EOF'\n${sampleDockerfile}EOF`;
}
