import { Module } from '@nestjs/common';
import { DepartmentsImporter } from './departments/departments-import.js';
import { ImportService } from './import.service.js';
import { TasksImporter } from './tasks/tasks-import.js';
import { UsersImporter } from './users/users-import.js';

/**
 * Onboarding (issue 19): bringing an office's existing lists in. Spreadsheet imports of
 * departments, users and priority tasks with their milestones.
 */
@Module({
  providers: [ImportService, DepartmentsImporter, UsersImporter, TasksImporter],
  exports: [ImportService],
})
export class OnboardingModule {}
