import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Milestone } from './milestone.entity.js';
import { TaskMember, TaskPartnerDepartment } from './task-links.entity.js';
import { Task } from './task.entity.js';
import { TasksService } from './tasks.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Task, Milestone, TaskMember, TaskPartnerDepartment])],
  providers: [TasksService],
  exports: [TasksService],
})
export class TasksModule {}
