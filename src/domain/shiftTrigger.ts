/**
 * Detects Shift pressed on its own three times within a few seconds.
 * Khmer keyboards use Shift for many letters, so any other key in between
 * starts the count again: typing never triggers the exit.
 */
export interface ShiftTriggerOptions {
  presses?: number;
  withinMs?: number;
}

export function createShiftTrigger({ presses = 3, withinMs = 3000 }: ShiftTriggerOptions = {}) {
  let times: number[] = [];
  return {
    /** Feed every keydown; returns true on the press that completes the sequence. */
    press(key: string, at: number, repeat = false): boolean {
      if (key !== 'Shift') {
        times = [];
        return false;
      }
      if (repeat) return false; // holding Shift down is one press
      times = [...times.filter((t) => at - t <= withinMs), at];
      if (times.length >= presses) {
        times = [];
        return true;
      }
      return false;
    },
    reset() {
      times = [];
    },
  };
}
