/**
 * Fits a slide's type to the box it has: the largest font size (between a
 * floor and a ceiling) at which nothing in the slide scrolls or is clipped,
 * found by bisection on the real layout, so it holds for Khmer stacked
 * vowels, long words and whatever font the phone has. Everything on a slide
 * is sized in `em`, so one number scales it all. The slide's padding is in
 * container units, so it does not change while the type is searched.
 */

/** Never smaller than this (px): the search gives up here and the slide may scroll rather than be cut. */
const FLOOR_PX = 12;
/** Nor larger than this (px), however big the screen. */
const CEILING_PX = 88;
/** Below this size (px) a slide drops its decorative icon if that lets the text be noticeably larger. */
const ICON_DROP_BELOW_PX = 24;

/**
 * The ceiling for a box: body text about a fifteenth of its height (a
 * projector: 44 px at 1280×720, 68 px at 1920×1080), never held below 32 px by
 * a short phone held sideways, and at most an eleventh of its width (a phone
 * held upright), so a short slide is big but not absurd.
 */
export function fitCeiling(width: number, height: number): number {
  return Math.max(FLOOR_PX, Math.min(Math.max(height / 15, 32), width / 11, CEILING_PX));
}

const fits = (slide: HTMLElement) => slide.scrollHeight <= slide.clientHeight && slide.scrollWidth <= slide.clientWidth;
/** The share of its box the slide's content would need to shrink to (1: it fits as it is). */
const room = (slide: HTMLElement) => Math.min(1, slide.clientHeight / slide.scrollHeight, slide.clientWidth / slide.scrollWidth);

/**
 * Each try is a layout of the slide (Khmer shaping included), which a cheap
 * phone pays for on every slide change: start from an estimate (text that
 * wraps grows with the square of its size, text that does not, linearly),
 * bracket it, then halve to within 2 %.
 */
function largestFitting(slide: HTMLElement, floor: number, ceiling: number): number {
  const tryAt = (size: number) => { slide.style.fontSize = `${size}px`; return fits(slide); };
  if (tryAt(ceiling)) return ceiling;
  let lo = floor;
  let hi = ceiling;
  const guess = Math.max(floor, Math.min(ceiling, ceiling * room(slide) ** 0.75));
  if (tryAt(guess)) lo = guess;
  else hi = guess;
  const step = Math.max(0.5, guess * 0.06);
  const probe = lo === guess ? guess + step : guess - step;
  if (probe > lo && probe < hi) {
    if (tryAt(probe)) lo = probe;
    else hi = probe;
  }
  while (hi - lo > Math.max(0.5, lo * 0.02)) {
    const mid = (lo + hi) / 2;
    if (tryAt(mid)) lo = mid;
    else hi = mid;
  }
  return Math.floor(lo * 4) / 4;
}

/** The size found for each slide, with the box it was found for. */
let found = new WeakMap<HTMLElement, { box: string; size: number; noIcon: boolean }>();

/** Forget the sizes found: a font arrived, or a slide's content changed. */
export function forgetFits(): void {
  found = new WeakMap();
}

/** Sets the slide's font size (px) to the largest that fits and returns it; 0 for a slide not on screen. */
export function fitSlide(slide: HTMLElement): number {
  if (slide.hidden || slide.clientHeight === 0) return 0;
  const box = `${slide.clientWidth}×${slide.clientHeight}`;
  const known = found.get(slide);
  if (known?.box === box) {
    slide.style.fontSize = `${known.size}px`;
    slide.classList.toggle('no-icon', known.noIcon);
    return known.size;
  }
  const ceiling = fitCeiling(slide.clientWidth, slide.clientHeight);
  slide.classList.add('fitting');
  slide.classList.remove('no-icon');
  let size = largestFitting(slide, FLOOR_PX, ceiling);
  if (size < ICON_DROP_BELOW_PX && slide.querySelector('.slide-icon')) {
    slide.classList.add('no-icon');
    const without = largestFitting(slide, FLOOR_PX, ceiling);
    if (without >= size * 1.08) size = without;
    else slide.classList.remove('no-icon');
  }
  slide.style.fontSize = `${size}px`;
  slide.classList.remove('fitting');
  const fitted = fits(slide);
  slide.dataset.fit = fitted ? String(size) : 'overflow';
  if (fitted) found.set(slide, { box, size, noIcon: slide.classList.contains('no-icon') });
  return size;
}
