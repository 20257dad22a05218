import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AllowedBeforePasswordChange,
  type AuthUser,
  CurrentUser,
  PasswordChangeService,
} from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { ChangePasswordDto } from './me.dto.js';

@ApiTags('auth · 인증')
@ApiAuth()
@Controller('me')
export class MeController {
  constructor(private readonly passwords: PasswordChangeService) {}

  @Post('password')
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your own password; your other sessions end · 비밀번호 변경',
    description:
      '현재 비밀번호를 확인하고 내 비밀번호를 바꿉니다. 로그인한 사용자라면 누구나 호출할 수 있으며, 관리자가 비밀번호를 재설정했거나 최초 관리자 계정이어서 비밀번호를 바꿔야 하는 사용자(403 PASSWORD_CHANGE_REQUIRED)도 호출할 수 있습니다. 바꾸면 이 세션은 유지되고 다른 기기의 세션은 모두 종료됩니다. 현재 비밀번호가 틀리면 400(CURRENT_PASSWORD_INCORRECT)이며 로그인 실패처럼 연속 실패 횟수에 더해져 설정 횟수(security.lockoutThreshold)에 이르면 계정이 잠기고, 잠긴 동안에는 같은 400입니다. 새 비밀번호가 기관의 최소 길이(security.passwordMinLength)에 못 미치거나 이름·이메일을 포함하거나 현재 비밀번호와 같으면 400(PASSWORD_POLICY)입니다. 성공과 실패 모두 접속기록에 남습니다.\n\n' +
      'Changes your own password after checking the current one. Any signed-in user may call it, including one who must change the password first (403 PASSWORD_CHANGE_REQUIRED elsewhere) after an administrator’s reset or as the first administrator. This session stays; every other session of yours ends. A wrong current password is a 400 (CURRENT_PASSWORD_INCORRECT) and counts towards the lockout like a failed sign-in (security.lockoutThreshold); while locked, every attempt gets the same 400. A new password shorter than the organisation minimum (security.passwordMinLength), containing your name or email, or equal to the current one is a 400 (PASSWORD_POLICY). Successes and failures are recorded in the access log.',
  })
  @ApiNoContentResponse()
  @ApiErrors(400)
  async change(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.passwords.change(user, dto.currentPassword, dto.newPassword);
  }
}
