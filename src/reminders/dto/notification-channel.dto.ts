import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, isEmail, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, registerDecorator, ValidationArguments } from 'class-validator';
import { IsOptionalNotNull, QueryLimit } from '../../common/validation';
import { isAcceptableWebhookUrl } from '../channels/webhook-sender';
import { DELIVERY_STATUSES, DeliveryStatus, REMINDER_CHANNELS, ReminderChannel } from '../reminder.entities';

/** An e-mail address for the e-mail channel; an http(s) URL without credentials for a webhook. */
function IsChannelAddress(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isChannelAddress',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const channel = (args.object as { channel?: unknown }).channel;
          return typeof value === 'string' && (channel === 'email' ? isEmail(value) : channel !== 'webhook' || isAcceptableWebhookUrl(value).ok);
        },
        defaultMessage: (args: ValidationArguments) => {
          const channel = (args.object as { channel?: unknown }).channel;
          const verdict = typeof args.value === 'string' ? isAcceptableWebhookUrl(args.value) : { ok: false as const, problem: 'must be a URL' };
          return channel === 'email' ? 'must be an e-mail address' : verdict.ok ? 'is not acceptable' : `webhook URL refused: ${verdict.problem}`;
        },
      },
    });
  };
}

export class CreateNotificationChannelDto {
  @ApiProperty({ enum: ['email', 'webhook'] })
  @IsIn(['email', 'webhook'])
  channel!: 'email' | 'webhook';

  @ApiProperty({ example: 'ra.lead@example.org', description: 'an e-mail address, or the webhook URL (http or https, no credentials in it)' })
  @IsString()
  @MaxLength(2000)
  @IsChannelAddress()
  address!: string;

  @ApiPropertyOptional({ example: 'team chat relay' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class UpdateNotificationChannelDto {
  @ApiPropertyOptional({ description: 'false pauses this address; its pending reminders are cancelled when they come up' })
  @IsOptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class DeliveryQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptionalNotNull()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: REMINDER_CHANNELS })
  @IsOptionalNotNull()
  @IsIn(REMINDER_CHANNELS)
  channel?: ReminderChannel;

  @ApiPropertyOptional({ description: 'deliveries of one deadline (e.g. a milestone id)' })
  @IsOptionalNotNull()
  @IsUUID('all')
  deadlineId?: string;

  @QueryLimit(100, 1000)
  limit?: number;
}

export class ReplayDeliveryDto {
  @ApiProperty({ example: 'endpoint fixed by IT' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
