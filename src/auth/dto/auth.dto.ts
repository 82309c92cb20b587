import { IsOptionalNotNull } from '../../common/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Role, ROLES, USERNAME_PATTERN, USERNAME_RULE } from '../roles';

export class LoginDto {
  @ApiProperty({ example: 'demo-regulatory' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  currentPassword!: string;

  @ApiProperty({ format: 'password', description: 'at least 12 characters, not containing the username' })
  @IsString()
  @MaxLength(1000)
  newPassword!: string;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'erp-sync', description: 'what uses the token' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'may hold letters, digits, ".", "_" and "-" (at most 64)' })
  name!: string;

  @ApiPropertyOptional({ enum: ROLES, description: "the token's role: your own (default) or viewer" })
  @IsOptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ default: 90, minimum: 1, maximum: 365 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(365)
  expiresInDays?: number;
}

export class CreateUserDto {
  @ApiProperty({ example: 'j.devries', description: 'lower-case letters, digits, ".", "_", "@", "-" (2–63)' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username!: string;

  @ApiProperty({ example: 'Jan de Vries' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'restrict the account to these products (names or ids); null or absent = every product' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  productIds?: string[] | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'product names or ids, or null for every product' })
  @ValidateIf((_: unknown, value: unknown) => value !== undefined && value !== null)
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  productIds?: string[] | null;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  disabled?: boolean;

  @ApiProperty({ description: 'why the account changes (kept in the audit trail)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ReasonDto {
  @ApiProperty({ description: 'why (kept in the audit trail)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
