import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { Optional } from '../http/validation.js';
import { UserDto } from '../identity/identity.dto.js';

export class LoginDto {
  @ApiProperty({ example: 'staff@nowon.demo.gwaje.kr' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'gwaje-demo-2026!' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({
    required: false,
    description:
      'The refresh token from login or the previous refresh; each works once. The web app sends none: its token is the `gwaje_refresh` cookie',
    example: 'q3J9x0bW2mYc7TtVv8kR1nPzL5aE4sHdUf6gKjQ-oXw',
  })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken?: string;
}

export class TokensDto {
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'JWT (HS256), short-lived (setting: 15 minutes)' })
  accessToken: string;
  @ApiProperty() accessTokenExpiresAt: Date;
  @ApiProperty({
    required: false,
    description:
      'Opaque; rotates on every refresh; a reused one revokes the session. Absent for the web app (x-gwaje-client: web), which gets it as the HttpOnly `gwaje_refresh` cookie',
  })
  refreshToken?: string;
  @ApiProperty({ description: 'Latest end of the session; idle expiry can end it sooner' })
  sessionExpiresAt: Date;
  @ApiProperty({
    type: 'integer',
    example: 30,
    description: 'The session ends after this many minutes without requests',
  })
  idleTimeoutMinutes: number;
}

export class LoginResponseDto extends TokensDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
}
