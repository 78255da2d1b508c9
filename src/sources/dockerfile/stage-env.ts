/**
 * The ENV of each build stage while a Dockerfile is read: a stage that starts `FROM` an earlier stage inherits
 * that stage's ENV as it was at the stage's end (BuildKit `dockerfile2llb`: the base stage's image config).
 *
 * Copying the parent's variables into every stage made a chain of 10,000 stages that each set one ENV
 * quadratic (50 million copies, about 20 s). Here a child takes its parent's map without copying it and logs
 * what it changes; a second stage that starts from the same parent gets a copy, rebuilt with those logs undone.
 * A chain of stages is therefore linear in the number of ENV settings; each further child of one stage costs a
 * copy of that stage's variables plus the logs of the chain that took its map over.
 */

/** A variable's value: a string, or `undefined` when it is set but its value cannot be known. */
type Value = string | undefined;

/** What a stage's ENV changed in a map it took from its parent: each name with what it held before. */
type UndoLog = { name: string; had: boolean; value: Value }[];

/** ENV maps of the stages of one Dockerfile, by stage index. */
export class StageEnvs {
  /** The map each stage reads or read, shared along a chain of stages that took it over. */
  private readonly maps: Map<string, Value>[] = [];
  /** The stage that took over stage i's map, if one did. */
  private readonly takenBy: (number | undefined)[] = [];
  /** What stage i changed in the map it took over (empty when it has a map of its own). */
  private readonly logs: UndoLog[] = [];
  private current: Map<string, Value> = new Map();
  private log: UndoLog = [];

  /**
   * Starts stage `index` (0-based, the next one), from the stage `base` when it starts FROM an earlier stage
   * (`undefined`: an image, `scratch`, or a base that is not known). `base` must be below `index`.
   */
  start(index: number, base: number | undefined): void {
    let map: Map<string, Value>;
    if (base === undefined || this.maps[base] === undefined) map = new Map();
    else if (this.takenBy[base] === undefined) {
      map = this.maps[base] as Map<string, Value>;
      this.takenBy[base] = index;
    } else map = this.copyOf(base);
    this.maps[index] = map;
    this.logs[index] = [];
    this.takenBy[index] = undefined;
    this.current = map;
    this.log = this.logs[index] as UndoLog;
  }

  /** Sets a variable in the current stage (`undefined`: its value is not known). */
  set(name: string, value: Value): void {
    this.log.push({ name, had: this.current.has(name), value: this.current.get(name) });
    this.current.set(name, value);
  }

  /** Whether the current stage's ENV (its own or inherited) sets `name`. */
  has(name: string): boolean {
    return this.current.has(name);
  }

  /** The value of `name` in the current stage's ENV (`undefined` when not set or not known). */
  get(name: string): Value {
    return this.current.get(name);
  }

  /** How many variables the current stage's ENV holds. */
  get size(): number {
    return this.current.size;
  }

  /**
   * Stage `stage`'s ENV as it was at its end, in a new map, when a later stage took its map over: the map as
   * the last stage of that chain left it, with the logs of the chain's stages undone, newest first.
   */
  private copyOf(stage: number): Map<string, Value> {
    const chain: number[] = [];
    for (let s = this.takenBy[stage]; s !== undefined; s = this.takenBy[s]) chain.push(s);
    const copy = new Map(this.maps[stage]);
    for (let i = chain.length - 1; i >= 0; i--) {
      const log = this.logs[chain[i] as number] as UndoLog;
      for (let j = log.length - 1; j >= 0; j--) {
        const u = log[j] as UndoLog[number];
        if (u.had) copy.set(u.name, u.value);
        else copy.delete(u.name);
      }
    }
    return copy;
  }
}
