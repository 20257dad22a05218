export * from './annual-figures.js';
export * from './annual-figure-math.js';
