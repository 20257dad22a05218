import globalTeardown from './global-teardown.mjs';
import { cleanUpLeftovers } from './faults-leftovers.mjs';

export default async function faultsGlobalTeardown() {
  cleanUpLeftovers(process.env.GWAJE_FAULTS_LEFTOVERS);
  await globalTeardown();
}
