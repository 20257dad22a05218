import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminBootstrapService } from './admin/admin-bootstrap.service.js';
import { AuthRefreshToken, AuthSession } from './auth/auth-session.entity.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { PasswordService } from './auth/password.service.js';
import { SignInLog } from './auth/sign-in-log.service.js';
import { Department } from './departments/department.entity.js';
import { DepartmentHeads } from './departments/department-heads.js';
import { DepartmentsService } from './departments/departments.service.js';
import { IdentityDemoSeed } from './demo/identity-demo.seed.js';
import { Organisation } from './organisations/organisation.entity.js';
import { OrganisationDirectoryService } from './organisations/organisation-directory.service.js';
import { OrganisationsService } from './organisations/organisations.service.js';
import { AccessPolicy } from './policy/access-policy.service.js';
import { AuditAccessService } from './policy/audit-access.service.js';
import { OrganisationSetting } from './settings/organisation-setting.entity.js';
import { SettingsService } from './settings/settings.service.js';
import { User } from './users/user.entity.js';
import { PasswordChangeService } from './users/password-change.service.js';
import { PeopleDirectoryService } from './users/people-directory.service.js';
import { UsersService } from './users/users.service.js';

const services = [
  AuthService,
  SignInLog,
  AuthGuard,
  PasswordService,
  AccessPolicy,
  AuditAccessService,
  SettingsService,
  OrganisationsService,
  OrganisationDirectoryService,
  DepartmentHeads,
  DepartmentsService,
  UsersService,
  PeopleDirectoryService,
  PasswordChangeService,
  AdminBootstrapService,
  IdentityDemoSeed,
];

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Organisation,
      Department,
      User,
      AuthSession,
      AuthRefreshToken,
      OrganisationSetting,
    ]),
    // Secret, algorithm, issuer and audience are passed on every sign/verify call from AppConfig.
    JwtModule.register({}),
  ],
  providers: services,
  exports: services,
})
export class IdentityModule {}
