/**
 * Pairwise precision and recall of an identity clustering. A predicted pair is two records linked
 * to the same person; a true pair is two records of the same real person. precision = correct /
 * predicted pairs, recall = correct / true pairs. Records left unlinked pair with nobody.
 */
export interface PairMetrics {
  precision: number;
  recall: number;
  predictedPairs: number;
  truePairs: number;
  correctPairs: number;
  records: number;
}

/** Scores `predicted` (record → person id) against `truth` (record → true key), over the records the truth knows. */
export function pairMetrics(predicted: Map<string, number>, truth: Map<string, string>): PairMetrics {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const sizes = (keys: Iterable<string>) => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    let total = 0;
    for (const n of counts.values()) total += pairs(n);
    return total;
  };
  const linked = [...truth.keys()].filter((record) => predicted.has(record));
  const predictedPairs = sizes(linked.map((record) => String(predicted.get(record))));
  const truePairs = sizes(truth.values());
  const correctPairs = sizes(linked.map((record) => `${predicted.get(record)}|${truth.get(record)}`));
  return {
    precision: predictedPairs === 0 ? 1 : correctPairs / predictedPairs,
    recall: truePairs === 0 ? 1 : correctPairs / truePairs,
    predictedPairs,
    truePairs,
    correctPairs,
    records: truth.size,
  };
}
