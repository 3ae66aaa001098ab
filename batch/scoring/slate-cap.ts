/** One scored (position, person) pair of a position's pool; ids are scoring's integer numbers (id order). */
export interface PoolPair {
  pid: number;
  eid: number;
  score: number;
}

/**
 * scoring.succession.max_slates_per_person on scored pools: the pairs to leave off so that nobody is on more
 * than `cap` slates of `size`. Everyone over the cap keeps the slates where they rank best (then the higher
 * score, then the lower position number) and is left off the others, which are ranked again without them, until
 * nobody is over it. In memory, because the rule runs to hundreds of rounds on a large company and each round
 * only looks at the top of each position's list; the pools are bounded by key positions, not by headcount.
 */
export function capExclusions(pairs: readonly PoolPair[], size: number, cap: number): Array<{ pid: number; eid: number }> {
  const byPosition = new Map<number, PoolPair[]>();
  for (const p of pairs) {
    const list = byPosition.get(p.pid);
    if (list) list.push(p);
    else byPosition.set(p.pid, [p]);
  }
  // Each position's pool in slate order: score, then the person's number.
  for (const list of byPosition.values()) list.sort((a, b) => b.score - a.score || a.eid - b.eid);
  const excluded = new Map<number, Set<number>>();
  const slateOf = new Map<number, PoolPair[]>();
  const seatsOf = new Map<number, Set<number>>();
  const fill = (pid: number): PoolPair[] => {
    const out: PoolPair[] = [];
    const off = excluded.get(pid);
    for (const p of byPosition.get(pid)!) {
      if (out.length === size) break;
      if (!off?.has(p.eid)) out.push(p);
    }
    return out;
  };
  const seat = (eid: number) => {
    let s = seatsOf.get(eid);
    if (!s) seatsOf.set(eid, (s = new Set()));
    return s;
  };
  let check = new Set<number>();
  for (const pid of byPosition.keys()) {
    const slate = fill(pid);
    slateOf.set(pid, slate);
    for (const p of slate) {
      seat(p.eid).add(pid);
      check.add(p.eid);
    }
  }
  const out: Array<{ pid: number; eid: number }> = [];
  // Round by round, as the rule reads: every decision of a round is taken on the same slates; then only the
  // slates that lost someone are filled again, and only the people they took on can be over the cap next.
  for (;;) {
    const leaving: Array<{ pid: number; eid: number }> = [];
    for (const eid of check) {
      const seats = seatsOf.get(eid)!;
      if (seats.size <= cap) continue;
      const ranked = [...seats].map((pid) => {
        const slate = slateOf.get(pid)!;
        const rank = slate.findIndex((p) => p.eid === eid);
        return { pid, rank, score: slate[rank]!.score };
      });
      ranked.sort((a, b) => a.rank - b.rank || b.score - a.score || a.pid - b.pid);
      for (const r of ranked.slice(cap)) leaving.push({ pid: r.pid, eid });
    }
    if (leaving.length === 0) return out;
    const affected = new Set<number>();
    for (const x of leaving) {
      let off = excluded.get(x.pid);
      if (!off) excluded.set(x.pid, (off = new Set()));
      off.add(x.eid);
      out.push(x);
      affected.add(x.pid);
    }
    check = new Set();
    for (const pid of affected) {
      const before = new Set(slateOf.get(pid)!.map((p) => p.eid));
      const after = fill(pid);
      for (const eid of before) if (!after.some((p) => p.eid === eid)) seatsOf.get(eid)!.delete(pid);
      for (const p of after) {
        if (before.has(p.eid)) continue;
        seat(p.eid).add(pid);
        check.add(p.eid);
      }
      slateOf.set(pid, after);
    }
  }
}
