import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ANY_ROLE } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { RenewalWindowResponse } from './dto/product.response';
import { toRenewalWindow } from './product.mapper';
import { ProductsService } from './products.service';

@ApiTags('products')
@Controller('renewal-windows')
export class RenewalWindowsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly products: ProductsService,
  ) {}

  @Get()
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'The renewal period in force of each conditional marketing authorisation the caller may see: validity, window opens, application due, expiry, each with its rule' })
  @ApiOkResponse({ type: [RenewalWindowResponse] })
  async list(@CurrentActor() actor: Actor): Promise<RenewalWindowResponse[]> {
    return (await this.products.renewalWindows(this.dataSource.manager, actor.scope)).map(toRenewalWindow);
  }
}
