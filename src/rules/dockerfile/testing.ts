import { dedent } from '../../testing/dedent.js';

/**
 * Template tag for Dockerfile fixtures in rule tests: dedented like `yaml`, read raw so that `\` line
 * continuations stay as written, with `\${` turned into `${` so Dockerfile variables need no escaping beyond that.
 */
export function df(strings: TemplateStringsArray, ...values: unknown[]): string {
  return dedent(String.raw(strings, ...values).replace(/\\\$\{/g, '${'));
}
