import { IsOptionalNotNull } from '../../common/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min, registerDecorator, ValidateIf, ValidationArguments } from 'class-validator';
import { Role, ROLES } from '../../auth/roles';
import { REMINDER_CHANNELS, ReminderChannel } from '../reminder.entities';

export const POLICY_LEVELS = ['default', 'product', 'obligation'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];

/** The limits the database checks too (ck_reminder_policy_offsets, ck_reminder_policy_cadence). */
export const MAX_OFFSET_DAYS = 3660;
export const MAX_OFFSETS = 20;
export const MAX_ESCALATION_EVERY_DAYS = 90;

/** Refuses this field when `other` is given as well. */
function NotTogetherWith(other: string, problem: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'notTogetherWith',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: problem },
      validator: { validate: (_: unknown, args: ValidationArguments) => (args.object as Record<string, unknown>)[other] === undefined },
    });
  };
}

export class ReminderPolicyQueryDto {
  @ApiPropertyOptional({ example: 'obligation', description: 'a deadline kind, e.g. cma-renewal, psur, obligation' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  deadlineKind?: string;

  @ApiPropertyOptional({ example: 'Hemgenix', description: 'only overrides for this product (product-level), by name or id' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  productId?: string;

  @ApiPropertyOptional({ description: 'only overrides for this obligation' })
  @IsOptionalNotNull()
  @IsUUID('all')
  obligationId?: string;

  @ApiPropertyOptional({ enum: POLICY_LEVELS, description: 'default (one per kind), product or obligation overrides' })
  @IsOptionalNotNull()
  @IsIn(POLICY_LEVELS)
  level?: PolicyLevel;
}

/** When and whom to remind; every field optional here (an override copies what it leaves out from the kind's default). */
export class ReminderPolicyRulesDto {
  @ApiPropertyOptional({ type: [Number], example: [60, 30, 14, 7, 1], description: `days before the due date: 1–${MAX_OFFSETS} different whole numbers from 1 to ${MAX_OFFSET_DAYS}` })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_OFFSETS)
  @ArrayUnique({ message: 'must not name the same day twice' })
  @IsInt({ each: true, message: 'must hold whole numbers of days' })
  @Min(1, { each: true, message: 'must hold days of at least 1' })
  @Max(MAX_OFFSET_DAYS, { each: true, message: `must hold days of at most ${MAX_OFFSET_DAYS}` })
  offsetsDays?: number[];

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: MAX_ESCALATION_EVERY_DAYS, description: 'once overdue, escalate every N days' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(MAX_ESCALATION_EVERY_DAYS)
  escalationEveryDays?: number;

  @ApiPropertyOptional({ enum: ROLES, isArray: true, example: ['regulatory'], description: 'who is reminded before the due date (at least one role)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique({ message: 'must not name the same role twice' })
  @IsIn(ROLES, { each: true, message: `must hold roles among: ${ROLES.join(', ')}` })
  notifyRoles?: Role[];

  @ApiPropertyOptional({ enum: ROLES, isArray: true, example: ['admin'], description: 'who is told as well once the deadline is overdue (may be empty)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayUnique({ message: 'must not name the same role twice' })
  @IsIn(ROLES, { each: true, message: `must hold roles among: ${ROLES.join(', ')}` })
  escalationRoles?: Role[];

  @ApiPropertyOptional({ enum: REMINDER_CHANNELS, isArray: true, example: ['in-app'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique({ message: 'must not name the same channel twice' })
  @IsIn(REMINDER_CHANNELS, { each: true, message: `must hold channels among: ${REMINDER_CHANNELS.join(', ')}` })
  channels?: ReminderChannel[];
}

export class CreateReminderPolicyDto extends ReminderPolicyRulesDto {
  @ApiProperty({ example: 'obligation', description: 'a kind that has a default policy (see GET /api/reminder-policies?level=default)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  deadlineKind!: string;

  @ApiPropertyOptional({ example: 'Hemgenix', description: 'the product this override is for, by name or id; give this or obligationId, not both' })
  @ValidateIf((dto: CreateReminderPolicyDto) => dto.obligationId === undefined || dto.productId !== undefined)
  @IsDefined({ message: 'is required unless obligationId is given: an override is for a product or for an obligation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  productId?: string;

  @ApiPropertyOptional({ description: 'the obligation this override is for; give this or productId, not both' })
  @IsOptionalNotNull()
  @IsUUID('all')
  @NotTogetherWith('productId', 'must not be given together with productId: an override is for a product or for an obligation, not both')
  obligationId?: string;

  @ApiPropertyOptional({ description: 'why the override is made (kept in the audit trail)' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

export class UpdateReminderPolicyDto extends ReminderPolicyRulesDto {
  @ApiProperty({ description: 'why the policy changes (kept in the audit trail)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class DeleteReminderPolicyDto {
  @ApiProperty({ description: 'why the override goes (kept in the audit trail)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
