import { QUEUE_SYSTEM } from '@gwaje/queues';
console.log('ok', QUEUE_SYSTEM);
