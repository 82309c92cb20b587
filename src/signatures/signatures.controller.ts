import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ParseUuidPipe } from '../common/validation';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Principal } from '../auth/principal';
import { ADMINS, ANY_ROLE } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { CurrentActor } from '../common/current-actor.decorator';
import { RotateKeyDto, SignatureQueryDto, SignDto } from './dto/signature.dto';
import { SignatureResponse, SigningKeyResponse } from './dto/signature.response';
import { SignaturesService } from './signatures.service';
import { SigningKeysService } from './signing-keys.service';

const SIGNERS = ['regulatory', 'safety', 'qppv'] as const;

@ApiTags('signatures')
@Controller()
export class SignaturesController {
  constructor(
    private readonly signatures: SignaturesService,
    private readonly keys: SigningKeysService,
    private readonly dataSource: DataSource,
  ) {}

  @Post('signatures')
  @Allow(SIGNERS)
  @ApiOperation({ summary: 'Sign a record electronically: re-enter your password and say what the signature means (reviewed / approved)' })
  @ApiCreatedResponse({ type: SignatureResponse })
  sign(@CurrentActor() principal: Principal, @Body() body: SignDto): Promise<SignatureResponse> {
    return this.signatures.sign(principal, body);
  }

  @Get('signatures')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Signatures of a record, each checked against the record as it is now (valid / content-changed / seal-broken)' })
  @ApiOkResponse({ type: [SignatureResponse] })
  forRecord(@CurrentActor() principal: Principal, @Query() query: SignatureQueryDto): Promise<SignatureResponse[]> {
    return this.signatures.forRecord(query.entityType, query.entityId, principal.scope);
  }

  @Get('signatures/:id')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'One signature with the exact content signed' })
  @ApiOkResponse({ type: SignatureResponse })
  get(@CurrentActor() principal: Principal, @Param('id', ParseUuidPipe) id: string): Promise<SignatureResponse> {
    return this.signatures.get(id, principal.scope);
  }

  @Get('admin/signing-keys')
  @Allow(ADMINS)
  @ApiOperation({ summary: 'Signing keys (ids and dates only; secrets never leave the server)' })
  @ApiOkResponse({ type: [SigningKeyResponse] })
  listKeys(): Promise<SigningKeyResponse[]> {
    return this.keys.list(this.dataSource.manager);
  }

  @Post('admin/signing-keys/rotate')
  @Allow(ADMINS)
  @ApiOperation({ summary: 'Retire the active signing key and create a new one; older signatures stay verifiable' })
  @ApiCreatedResponse({ type: SigningKeyResponse })
  rotateKey(@CurrentActor() principal: Principal, @Body() body: RotateKeyDto): Promise<SigningKeyResponse> {
    return this.dataSource.transaction((m) => this.keys.rotate(m, principal, body.reason));
  }
}
