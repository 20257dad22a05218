// Every migration, in order. A new migration file must be added here (a unit test checks this).
import { Initial1795328734832 } from './1795328734832-Initial.js';

export const ALL_MIGRATIONS: Array<new () => object> = [Initial1795328734832];
