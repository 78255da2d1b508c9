/**
 * Restart policies with a count, read alike in compose `restart:` and on `docker run --restart` (docker/cli
 * ParseRestartPolicy, docker compose getRestartPolicy, moby ValidateRestartPolicy), for the tests of both sources.
 */

/** Forms Docker takes, an empty count or a count of 0: the text, the policy it is, and BW1028's message id for it. */
export const RESTART_FORMS_TAKEN = [
  ['on-failure:', 'on-failure', 'unbounded'],
  ['always:', 'always', 'unbounded'],
  ['always:0', 'always', 'unbounded'],
  ['unless-stopped:+0', 'unless-stopped', 'unbounded'],
  ['no:0', 'no', 'missing'],
  ['no:-0', 'no', 'missing'],
  ['on-failure:00', 'on-failure', 'unbounded'],
] as const;

/** The reason given for a count other than 0 with no, always or unless-stopped, up to its closing `")`. */
export const ONLY_ON_FAILURE =
  "only on-failure takes a retry count other than 0 (dockerd refuses the container: \"invalid restart policy: maximum retry count can only be used with 'on-failure'";

/** Forms Docker refuses for their count: the text and the reason given. */
export const RESTART_COUNTS_REFUSED = [
  ['always:3', `${ONLY_ON_FAILURE}")`],
  ['unless-stopped:1', `${ONLY_ON_FAILURE}")`],
  ['no:5', `${ONLY_ON_FAILURE}")`],
  ['always:+7', `${ONLY_ON_FAILURE}")`],
  ['always:-1', `${ONLY_ON_FAILURE} and cannot be negative")`],
  ['always:99999999999999999999', 'the retry count is out of range (Docker takes 0 to 9223372036854775807)'],
] as const;
