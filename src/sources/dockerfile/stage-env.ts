/**
 * The ENV of each build stage while a Dockerfile is read: a stage that starts `FROM` an earlier stage inherits
 * that stage's ENV as it was at the stage's end (BuildKit `dockerfile2llb`: the base stage's image config).
 *
 * Copying the parent's variables into every stage was quadratic: a chain of 10,000 stages that each set one ENV
 * made 50 million copies (about 20 s), and so did 3,000 stages FROM one stage of 5,000 variables. Here a stage's
 * ENV is a map of its own over a frozen map it only reads (`below`; ENV never unsets a variable, so the own map
 * wins). The first stage FROM a stage takes that stage's own map over without copying it and logs what it changes;
 * a later one reads a frozen copy of the parent's whole ENV, made once per parent (with the logs undone), and
 * starts an empty own map. A chain is linear in the number of ENV settings, and each stage that two or more stages
 * start from costs one copy of its variables.
 */

/** A variable's value: a string, or `undefined` when it is set but its value cannot be known. */
type Value = string | undefined;

/** What a stage's ENV changed in the own map it took from its parent: each name with what it held before. */
type UndoLog = { name: string; had: boolean; value: Value }[];

/** The ENV of one stage: its own map (shared along a chain that took it over), over a frozen one. */
interface StageEnv {
  own: Map<string, Value>;
  below: ReadonlyMap<string, Value> | undefined;
  /** The stage that took `own` over, if one did. */
  takenBy: number | undefined;
  /** What this stage changed in an own map it took over (empty when it started one). */
  log: UndoLog;
  /** The stage's whole ENV at its end, made for its second child and kept for the next ones. */
  frozen: ReadonlyMap<string, Value> | undefined;
}

/** ENV maps of the stages of one Dockerfile, by stage index. */
export class StageEnvs {
  private readonly stages: StageEnv[] = [];
  private current: StageEnv = { own: new Map(), below: undefined, takenBy: undefined, log: [], frozen: undefined };

  /**
   * Starts stage `index` (0-based, the next one), from the stage `base` when it starts FROM an earlier stage
   * (`undefined`: an image, `scratch`, or a base that is not known). `base` must be below `index`.
   */
  start(index: number, base: number | undefined): void {
    const parent = base === undefined ? undefined : this.stages[base];
    const env: StageEnv = { own: new Map(), below: undefined, takenBy: undefined, log: [], frozen: undefined };
    if (parent && parent.takenBy === undefined) {
      env.own = parent.own;
      env.below = parent.below;
      parent.takenBy = index;
    } else if (parent) {
      parent.frozen ??= this.frozenCopy(parent);
      env.below = parent.frozen;
    }
    this.stages[index] = env;
    this.current = env;
  }

  /** Sets a variable in the current stage (`undefined`: its value is not known). */
  set(name: string, value: Value): void {
    const own = this.current.own;
    this.current.log.push({ name, had: own.has(name), value: own.get(name) });
    own.set(name, value);
  }

  /** Whether the current stage's ENV (its own or inherited) sets `name`. */
  has(name: string): boolean {
    return this.current.own.has(name) || this.current.below?.has(name) === true;
  }

  /** The value of `name` in the current stage's ENV (`undefined` when not set or not known). */
  get(name: string): Value {
    const { own, below } = this.current;
    return own.has(name) ? own.get(name) : below?.get(name);
  }

  /** True when the current stage's ENV sets no variable. */
  isEmpty(): boolean {
    return this.current.own.size === 0 && (this.current.below === undefined || this.current.below.size === 0);
  }

  /**
   * A stage's whole ENV as it was at its end, in a new map: its frozen map, then its own map as the last stage of
   * the chain that took it over left it, with the logs of the chain's stages undone, newest first.
   */
  private frozenCopy(stage: StageEnv): Map<string, Value> {
    const chain: StageEnv[] = [];
    for (let s = stage.takenBy; s !== undefined; s = this.stages[s]?.takenBy) chain.push(this.stages[s] as StageEnv);
    const own = new Map(stage.own);
    for (let i = chain.length - 1; i >= 0; i--) {
      const log = (chain[i] as StageEnv).log;
      for (let j = log.length - 1; j >= 0; j--) {
        const u = log[j] as UndoLog[number];
        if (u.had) own.set(u.name, u.value);
        else own.delete(u.name);
      }
    }
    if (stage.below === undefined || stage.below.size === 0) return own;
    const all = new Map(stage.below);
    for (const [k, v] of own) all.set(k, v);
    return all;
  }
}
