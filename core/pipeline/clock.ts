// The Clock port: elapsed time for rates and the wall time runs are recorded with. Passed in so the
// throughput arithmetic can be tested with a clock that moves as the test says.

export interface Clock {
  /** Milliseconds from an arbitrary origin that never goes backwards (performance.now()). */
  now(): number;
  /** The current wall time. */
  date(): Date;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  date: () => new Date(),
};
