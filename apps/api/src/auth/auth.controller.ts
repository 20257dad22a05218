import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
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
  @ApiOperation({ summary: 'Email + password → access and refresh tokens and your profile' })
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
    summary: 'Exchange a refresh token for new tokens (rotation; reuse revokes the session)',
  })
  @ApiOkResponse({ type: TokensDto })
  @ApiErrors(400, 401, 429)
  async refresh(@Body() dto: RefreshDto): Promise<TokensDto> {
    return tokens(await this.auth.refresh(dto.refreshToken));
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiAuth()
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working' })
  @ApiNoContentResponse()
  async logout(@CurrentUser() user: AuthUser): Promise<void> {
    await this.auth.logout(user.sessionId);
  }

  @Get('me')
  @ApiAuth()
  @ApiOperation({ summary: 'Your profile, roles and department' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return UserDto.of(await this.users.profile(user.id));
  }
}
