export * from './annual-figures.js';
