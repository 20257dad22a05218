import { Module } from '@nestjs/common';
import { MyDeadlinesService } from './my-deadlines.service.js';

@Module({ providers: [MyDeadlinesService], exports: [MyDeadlinesService] })
export class DeadlinesModule {}
