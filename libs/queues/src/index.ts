export const QUEUE_SYSTEM = "system";
