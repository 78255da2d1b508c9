import { describeStage } from '../../model/index.js';
import { dockerfileRule, programOf, runScript, runsOf, simpleCommands } from './util.js';

/** BW2008: sudo in RUN (seed §5.1 least privilege). */
export const noSudo = dockerfileRule({
  meta: {
    id: 'BW2008',
    name: 'no-sudo',
    scope: 'dockerfile',
    severity: 'medium',
    title: 'RUN does not use sudo',
    rationale:
      'sudo in a Dockerfile means the image ships sudo and a user allowed to use it, which turns any code execution as that user into root. It also behaves unpredictably without a TTY and hides which steps need privileges.',
    remediation:
      'Run the privileged steps before switching user (`USER root` ... `USER 10001`), or, for a later step, switch to root for that RUN only; remove sudo from the image.',
    references: {
      seed: '§5.1',
      docs: ['https://docs.docker.com/build/building/best-practices/#user'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      sudo: 'A RUN in {stage} uses sudo.',
    },
  },
  check(spec, ctx) {
    for (const { stage, run } of runsOf(spec.stages)) {
      const script = runScript(run);
      for (const c of simpleCommands(script.text)) {
        // sudo before the program (`sudo apt-get install`, `env X=1 sudo make`), or sudo that runs nothing (`sudo -l`).
        for (const w of c.wrappers) {
          if (w.name === 'sudo') ctx.report({ messageId: 'sudo', at: script.locate(w.start, w.length), data: { stage: describeStage(stage) } });
        }
        if (programOf(c) === 'sudo') {
          ctx.report({ messageId: 'sudo', at: script.locate(c.starts[0] as number, (c.words[0] as string).length), data: { stage: describeStage(stage) } });
        }
      }
    }
  },
});
