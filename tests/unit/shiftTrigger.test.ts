import { describe, expect, it } from 'vitest';
import { createShiftTrigger } from '../../src/domain/shiftTrigger';

describe('quick exit: Shift pressed three times', () => {
  it('fires on the third Shift within 3 seconds', () => {
    const trigger = createShiftTrigger();
    expect(trigger.press('Shift', 0)).toBe(false);
    expect(trigger.press('Shift', 400)).toBe(false);
    expect(trigger.press('Shift', 900)).toBe(true);
  });

  it('does not fire when the presses are too far apart', () => {
    const trigger = createShiftTrigger();
    trigger.press('Shift', 0);
    trigger.press('Shift', 2000);
    expect(trigger.press('Shift', 3500)).toBe(false); // only 2 within the window
    expect(trigger.press('Shift', 3600)).toBe(true);
  });

  it('starts again after any other key: typing Khmer uses Shift all the time', () => {
    const trigger = createShiftTrigger();
    // Shift+ក, Shift+ា… as a Khmer typist would: never three Shifts alone in a row.
    const typed = ['Shift', 'ឃ', 'Shift', 'ា', 'Shift', 'ៀ', 'Shift', 'ឈ', 'Shift', 'ែ'];
    expect(typed.some((key, i) => trigger.press(key, i * 100))).toBe(false);
  });

  it('counts a held-down Shift (auto-repeat) as one press', () => {
    const trigger = createShiftTrigger();
    trigger.press('Shift', 0);
    expect(trigger.press('Shift', 50, true)).toBe(false);
    expect(trigger.press('Shift', 100, true)).toBe(false);
    expect(trigger.press('Shift', 600)).toBe(false);
    expect(trigger.press('Shift', 900)).toBe(true);
  });

  it('is ready again after firing: three new presses fire again, not one', () => {
    const trigger = createShiftTrigger();
    expect([0, 100, 200].map((t) => trigger.press('Shift', t))).toEqual([false, false, true]);
    expect([300, 400, 500].map((t) => trigger.press('Shift', t))).toEqual([false, false, true]);
  });
});
