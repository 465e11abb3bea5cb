/**
 * A binary min-heap of timed events for the discrete-event simulation. Ties on time are
 * broken by insertion order (seq), so two events at the same instant always run in the
 * order they were scheduled and a seed gives the same run on every machine.
 */
export type Timed<T> = { at: number; seq: number; event: T };

export function createEventHeap<T>() {
  const items: Timed<T>[] = [];
  let seq = 0;

  const less = (a: Timed<T>, b: Timed<T>) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  const swap = (i: number, j: number) => {
    const t = items[i] as Timed<T>;
    items[i] = items[j] as Timed<T>;
    items[j] = t;
  };

  return {
    get size() {
      return items.length;
    },
    push(at: number, event: T) {
      items.push({ at, seq: seq++, event });
      let i = items.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(items[i] as Timed<T>, items[parent] as Timed<T>)) break;
        swap(i, parent);
        i = parent;
      }
    },
    pop(): Timed<T> | undefined {
      if (items.length === 0) return undefined;
      const top = items[0] as Timed<T>;
      const last = items.pop() as Timed<T>;
      if (items.length > 0) {
        items[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < items.length && less(items[l] as Timed<T>, items[m] as Timed<T>)) m = l;
          if (r < items.length && less(items[r] as Timed<T>, items[m] as Timed<T>)) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return top;
    },
  };
}
