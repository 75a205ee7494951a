// Seeded randomness for the soak: the same seed gives the same schedule, so a violation can be
// replayed. pure-rand's xoroshiro128+ (fast-check's generator); separate streams come from jumps,
// so adding a draw to one stream (say the sends) never shifts another (the faults).
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

type Generator = ReturnType<typeof xoroshiro128plus>;

export class Rng {
  private constructor(private readonly gen: Generator) {}

  static seeded(seed: number): Rng {
    return new Rng(xoroshiro128plus(seed | 0));
  }

  /** An independent stream: the n-th jump from this seed's start (2^64 draws apart each). */
  static stream(seed: number, n: number): Rng {
    const gen = xoroshiro128plus(seed | 0);
    for (let i = 0; i < n; i++) gen.jump();
    return new Rng(gen);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return uniformInt(this.gen, Math.ceil(min), Math.floor(max));
  }

  /** A number in [0, 1). */
  float(): number {
    return this.int(0, 2 ** 30 - 1) / 2 ** 30;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from nothing");
    return items[this.int(0, items.length - 1)]!;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** A fresh seed when none is given (printed with every result, so the run can be replayed). */
export const randomSeed = () => Math.floor(Math.random() * 2 ** 31);
