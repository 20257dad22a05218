import { Injectable } from '@nestjs/common';

/** Placeholder replaced below. */
@Injectable()
export class ContestsDemoSeed {
  run(): Promise<{ created: number }> {
    return Promise.resolve({ created: 0 });
  }
}
