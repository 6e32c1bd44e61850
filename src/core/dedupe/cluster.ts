/**
 * Groups rows from scored pairs without chaining. Auto edges are taken strongest first and
 * two groups join only if EVERY cross pair is at least a review-level match (complete
 * linkage at the review threshold): A~B strong and B~C strong do not pull A and C together
 * when A and C look like different people. Forced links ("accept" decisions) join first;
 * "reject" decisions are hard walls, also transitively: no group ever holds both rows.
 */
export interface Edge { a: number; b: number; probability: number }

export interface ClusterInput {
  n: number;
  /** Auto-band edges. */
  edges: Edge[];
  /** Probability of any pair (candidate or not), for the complete-linkage check. */
  pairProbability(i: number, j: number): number;
  minLink: number;
  accepts: Array<[number, number]>;
  rejected(i: number, j: number): boolean;
  /** Largest group allowed (a customer is rarely typed in more than a few times). */
  maxGroup?: number;
}

export interface Clusters {
  /** Cluster id per row (the smallest row index in it). */
  root: Int32Array;
  members: Map<number, number[]>;
  /** Auto edges not used because a member of one side did not match the other side. */
  refused: Edge[];
}

export function cluster(input: ClusterInput): Clusters {
  const { n } = input;
  const maxGroup = input.maxGroup ?? 50;
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = i;
  const members = new Map<number, number[]>();
  const membersOf = (r: number): number[] => members.get(r) ?? [r];
  const forced = new Set<string>();
  const key = (i: number, j: number) => (i < j ? `${i}-${j}` : `${j}-${i}`);
  for (const [i, j] of input.accepts) forced.add(key(i, j));

  const noWall = (A: number[], B: number[]): boolean => {
    for (const x of A) for (const y of B) if (input.rejected(x, y)) return false;
    return true;
  };
  const allLinked = (A: number[], B: number[]): boolean => {
    for (const x of A) for (const y of B) {
      if (forced.has(key(x, y))) continue;
      if (input.pairProbability(x, y) < input.minLink) return false;
    }
    return true;
  };
  const join = (ra: number, rb: number) => {
    const A = membersOf(ra);
    const B = membersOf(rb);
    const r = Math.min(ra, rb);
    const merged = A.concat(B).sort((x, y) => x - y);
    for (const m of merged) root[m] = r;
    members.delete(ra); members.delete(rb);
    members.set(r, merged);
  };

  for (const [i, j] of input.accepts) {
    const ra = root[i], rb = root[j];
    if (ra === rb) continue;
    if (noWall(membersOf(ra), membersOf(rb))) join(ra, rb);
  }
  const refused: Edge[] = [];
  const edges = input.edges.slice().sort((x, y) => y.probability - x.probability || x.a - y.a || x.b - y.b);
  for (const e of edges) {
    const ra = root[e.a], rb = root[e.b];
    if (ra === rb) continue;
    const A = membersOf(ra), B = membersOf(rb);
    if (A.length + B.length > maxGroup || !noWall(A, B) || !allLinked(A, B)) { refused.push(e); continue; }
    join(ra, rb);
  }
  return { root, members, refused };
}
