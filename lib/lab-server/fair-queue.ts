/**
 * Work waiting for a reader thread, queued per sandbox and taken round robin, so one
 * learner's pile of slow scans (a load run far past capacity) delays the others by at most
 * one scan each, instead of by the whole pile. A job whose client has already hung up is
 * dropped when its turn comes rather than run for nobody.
 */
export type FairJob = { key: string; cancelled: () => boolean; onDropped: () => void };

export class FairQueue<J extends FairJob> {
  // Map iteration order is insertion order: the key after the last one served goes next.
  private readonly queues = new Map<string, J[]>();
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(job: J): void {
    const q = this.queues.get(job.key);
    if (q) q.push(job);
    else this.queues.set(job.key, [job]);
    this.size++;
  }

  /** The next live job, round robin over keys; cancelled jobs met on the way are dropped. */
  take(): J | undefined {
    for (;;) {
      const first = this.queues.entries().next();
      if (first.done) return undefined;
      const [key, q] = first.value;
      const job = q.shift()!;
      this.size--;
      // Served keys go to the back of the line; a key with nothing left leaves it.
      this.queues.delete(key);
      if (q.length > 0) this.queues.set(key, q);
      if (!job.cancelled()) return job;
      job.onDropped();
    }
  }

  /** Drops every job (the pool is stopping). */
  clear(each: (job: J) => void): void {
    for (const q of this.queues.values()) q.forEach(each);
    this.queues.clear();
    this.size = 0;
  }
}
