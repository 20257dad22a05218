import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AllowedBeforePasswordChange,
  AuthService,
  type AuthUser,
  CurrentUser,
  Public,
  type TokenPair,
  UsersService,
} from '@gwaje/identity';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { UserDto } from '../identity/identity.dto.js';
import { LoginDto, LoginResponseDto, RefreshDto, TokensDto } from './auth.dto.js';

const tokens = (t: TokenPair): TokensDto => ({
  tokenType: 'Bearer',
  accessToken: t.accessToken,
  accessTokenExpiresAt: t.accessTokenExpiresAt,
  refreshToken: t.refreshToken,
  sessionExpiresAt: t.sessionExpiresAt,
  idleTimeoutMinutes: t.idleTimeoutMinutes,
});

@ApiTags('auth · 인증')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Email + password → access and refresh tokens and your profile · 로그인',
    description:
      '이메일과 비밀번호로 로그인하여 접속 토큰·갱신 토큰과 내 프로필을 받습니다. 인증 없이 호출하며, 계정별·주소별 호출 횟수가 제한됩니다(초과 시 429). 없는 이메일, 틀린 비밀번호, 비활성·잠긴 계정은 모두 같은 401(INVALID_CREDENTIALS)로 응답하며, 연속 실패가 설정 횟수(security.lockoutThreshold)에 이르면 계정이 설정 시간 동안 잠깁니다.\n\n' +
      'Logs in with email and password and returns an access token, a refresh token and your profile. Public and rate-limited per account and per client address (429 beyond the limit). An unknown email, a wrong password and a deactivated or locked account all get the same 401 (INVALID_CREDENTIALS); consecutive failures reaching the organisation setting (security.lockoutThreshold) lock the account for a while.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 429)
  async login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    const result = await this.auth.login(dto.email, dto.password);
    return { ...tokens(result), user: UserDto.of(await this.users.profile(result.userId)) };
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Exchange a refresh token for new tokens (rotation; reuse revokes the session) · 토큰 갱신',
    description:
      '갱신 토큰을 새 접속 토큰·갱신 토큰으로 바꿉니다. 인증 없이 호출하며 갱신 토큰별·주소별 호출 횟수가 제한됩니다(초과 시 429). 갱신 토큰은 한 번만 쓸 수 있고, 이미 사용된 토큰을 다시 내면 그 세션 전체가 종료됩니다(401 REFRESH_TOKEN_REUSED). 만료되었거나 미사용 시간(security.idleTimeoutMinutes)이 지난 세션은 401(SESSION_EXPIRED)입니다.\n\n' +
      'Exchanges a refresh token for a new access and refresh token. Public and rate-limited per refresh token and per client address (429 beyond the limit). Each refresh token works once: presenting a used one again revokes the whole session (401 REFRESH_TOKEN_REUSED); an expired or idle session (security.idleTimeoutMinutes) answers 401 (SESSION_EXPIRED).',
  })
  @ApiOkResponse({ type: TokensDto })
  @ApiErrors(400, 401, 429)
  async refresh(@Body() dto: RefreshDto): Promise<TokensDto> {
    return tokens(await this.auth.refresh(dto.refreshToken));
  }

  @Post('auth/logout')
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  @ApiAuth()
  @ApiOperation({
    summary: 'End this session: its access and refresh tokens stop working · 로그아웃',
    description:
      '현재 세션을 종료합니다. 로그인한 사용자라면 누구나 호출할 수 있으며, 이 세션의 접속 토큰과 갱신 토큰은 즉시 쓸 수 없게 됩니다. 다른 기기의 세션은 그대로 유지됩니다.\n\n' +
      'Ends the current session. Any signed-in user may call it; the access and refresh tokens of this session stop working at once. Sessions on other devices are not affected.',
  })
  @ApiNoContentResponse()
  async logout(@CurrentUser() user: AuthUser): Promise<void> {
    await this.auth.logout(user.sessionId);
  }

  @Get('me')
  @AllowedBeforePasswordChange()
  @ApiAuth()
  @ApiOperation({
    summary: 'Your profile, roles and department · 내 정보',
    description:
      '로그인한 사용자 본인의 프로필, 역할, 소속 부서를 돌려줍니다. 로그인한 사용자라면 누구나 호출할 수 있습니다.\n\n' +
      'Returns the signed-in user’s own profile, roles and department. Any signed-in user may call it.',
  })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return UserDto.of(await this.users.profile(user.id));
  }
}
