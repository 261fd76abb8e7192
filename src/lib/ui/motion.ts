/** The reader asked for less motion: camera moves jump instead of flying. */
export const prefersReducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;
