import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  DECORATORS,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '@gwaje/common';
import { AppConfig } from '@gwaje/config';
import {
  AllowedBeforePasswordChange,
  AuthService,
  type AuthUser,
  CurrentUser,
  Public,
  type TokenPair,
  UsersService,
} from '@gwaje/identity';
import { fieldLabel } from '../http/field-labels.js';
import { ApiAuth, ApiErrors } from '../http/openapi.js';
import { fieldMessage } from '../http/validation-messages.js';
import { UserDto } from '../identity/identity.dto.js';
import { LoginDto, LoginResponseDto, RefreshDto, TokensDto } from './auth.dto.js';
import {
  clearedRefreshCookie,
  isWebClient,
  REFRESH_COOKIE,
  REFRESH_COOKIE_PATH,
  refreshCookie,
  refreshCookieSecure,
  refreshTokenFromCookies,
  WEB_CLIENT,
  WEB_CLIENT_HEADER,
} from './refresh-cookie.js';

/** The tokens as the caller gets them: the web app's refresh token travels only in the cookie. */
const tokens = (t: TokenPair, web = false): TokensDto => ({
  tokenType: 'Bearer',
  accessToken: t.accessToken,
  accessTokenExpiresAt: t.accessTokenExpiresAt,
  ...(web ? {} : { refreshToken: t.refreshToken }),
  sessionExpiresAt: t.sessionExpiresAt,
  idleTimeoutMinutes: t.idleTimeoutMinutes,
});

/** The 400 an API client gets for a refresh without a token, as the validation pipe words it. */
const missingRefreshToken = (dto: RefreshDto): DomainError => {
  const { code, message } = fieldMessage({
    label: fieldLabel(dto, 'refreshToken'),
    property: 'refreshToken',
    value: undefined,
    constraints: [],
  });
  return new DomainError(ErrorCode.VALIDATION_FAILED, undefined, [
    { field: 'refreshToken', code, message },
  ]);
};

/** The web app's header, in the OpenAPI document of the routes that read it. */
const ApiWebClient = () =>
  ApiHeader({
    name: WEB_CLIENT_HEADER,
    required: false,
    enum: [WEB_CLIENT],
    description:
      '웹 앱이 보냅니다: 갱신 토큰을 본문 대신 HttpOnly 쿠키로 주고받습니다.\n\nSent by the web app: the refresh token travels in an HttpOnly cookie instead of the body.',
  });

/** The refresh cookie as a request parameter (@nestjs/swagger has no decorator for `in: cookie`). */
const ApiRefreshCookie = (): MethodDecorator => (_target, _key, descriptor: PropertyDescriptor) => {
  const method = descriptor.value as object;
  const parameters = (Reflect.getMetadata(DECORATORS.API_PARAMETERS, method) ?? []) as object[];
  Reflect.defineMetadata(
    DECORATORS.API_PARAMETERS,
    [
      ...parameters,
      {
        name: REFRESH_COOKIE,
        in: 'cookie',
        required: false,
        schema: { type: 'string' },
        description: `웹 앱의 갱신 토큰(${WEB_CLIENT_HEADER}: ${WEB_CLIENT} 헤더와 함께일 때만 읽습니다).\n\nThe web app's refresh token, read only with the ${WEB_CLIENT_HEADER}: ${WEB_CLIENT} header.`,
      },
    ],
    method,
  );
  return descriptor;
};

/** The Set-Cookie response header of login, refresh and logout. */
const SET_COOKIE = {
  'Set-Cookie': {
    description: `웹 앱(${WEB_CLIENT_HEADER}: ${WEB_CLIENT})에만: \`${REFRESH_COOKIE}\` 갱신 토큰 쿠키 (HttpOnly; SameSite=Strict; Path=${REFRESH_COOKIE_PATH}; Secure, 평문 HTTP 내부망 주소 제외).\n\nWeb app only (${WEB_CLIENT_HEADER}: ${WEB_CLIENT}): the \`${REFRESH_COOKIE}\` refresh-token cookie (HttpOnly; SameSite=Strict; Path=${REFRESH_COOKIE_PATH}; Secure except on a plain-HTTP intranet address).`,
    schema: { type: 'string' },
  },
};

@ApiTags('auth · 인증')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  private get secureCookie(): boolean {
    return refreshCookieSecure(this.config.publicUrl);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Email + password → access and refresh tokens and your profile · 로그인',
    description:
      '이메일과 비밀번호로 로그인하여 접속 토큰·갱신 토큰과 내 프로필을 받습니다. 인증 없이 호출하며, 계정별·주소별 호출 횟수가 제한됩니다(초과 시 429). 없는 이메일, 틀린 비밀번호, 비활성·잠긴 계정은 모두 같은 401(INVALID_CREDENTIALS)로 응답하며, 연속 실패가 설정 횟수(security.lockoutThreshold)에 이르면 계정이 설정 시간 동안 잠깁니다.\n\n' +
      'Logs in with email and password and returns an access token, a refresh token and your profile. Public and rate-limited per account and per client address (429 beyond the limit). An unknown email, a wrong password and a deactivated or locked account all get the same 401 (INVALID_CREDENTIALS); consecutive failures reaching the organisation setting (security.lockoutThreshold) lock the account for a while.',
  })
  @ApiWebClient()
  @ApiOkResponse({ type: LoginResponseDto, headers: SET_COOKIE })
  @ApiErrors(400, 401, 429)
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const result = await this.auth.login(dto.email, dto.password);
    const web = isWebClient(request.headers);
    const user = UserDto.of(await this.users.profile(result.userId));
    if (web) this.setCookie(reply, result);
    return { ...tokens(result, web), user };
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
  @ApiWebClient()
  @ApiRefreshCookie()
  @ApiOkResponse({ type: TokensDto, headers: SET_COOKIE })
  @ApiErrors(400, 401, 429)
  async refresh(
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokensDto> {
    // The cookie is read only with the web app's header: a cross-site form or image cannot send a
    // custom header, so it cannot make the browser spend (rotate) the user's refresh token.
    const web = isWebClient(request.headers);
    const token =
      dto.refreshToken ?? (web ? refreshTokenFromCookies(request.headers.cookie) : undefined);
    // An API client must send its token (400 naming the field); a web tab without the cookie has
    // no session (401, which the web app takes as signed out).
    if (!token && !web) throw missingRefreshToken(dto);
    if (!token) throw new DomainError(ErrorCode.REFRESH_TOKEN_INVALID);
    const result = await this.auth.refresh(token);
    if (web) this.setCookie(reply, result);
    return tokens(result, web);
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
  @ApiNoContentResponse({
    headers: {
      'Set-Cookie': {
        description: `\`${REFRESH_COOKIE}\` 쿠키를 지웁니다(Max-Age=0).\n\nRemoves the \`${REFRESH_COOKIE}\` cookie (Max-Age=0).`,
        schema: { type: 'string' },
      },
    },
  })
  async logout(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(user.sessionId);
    void reply.header('set-cookie', clearedRefreshCookie(this.secureCookie));
  }

  private setCookie(reply: FastifyReply, t: TokenPair): void {
    void reply.header(
      'set-cookie',
      refreshCookie(t.refreshToken, t.sessionExpiresAt, this.secureCookie),
    );
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
