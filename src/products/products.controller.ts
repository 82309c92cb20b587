import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { CurrentActor } from '../common/current-actor.decorator';
import { ANY_ROLE, REGISTER_EDITORS } from '../auth/roles';
import { Allow } from '../auth/route-rules';
import { CreateProductDto, UpdateAuthorisationDto } from './dto/product.dto';
import { ProductDetailResponse, ProductSummaryResponse } from './dto/product.response';
import { toProductDetail, toProductSummary } from './product.mapper';
import { ProductsService } from './products.service';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'Products with their marketing authorisations' })
  @ApiOkResponse({ type: [ProductSummaryResponse] })
  async list(@CurrentActor() actor: Actor): Promise<ProductSummaryResponse[]> {
    return (await this.products.list(this.dataSource.manager, actor.scope)).map(toProductSummary);
  }

  @Get(':product')
  @Allow(ANY_ROLE)
  @ApiOperation({ summary: 'A product (id or name) with validity, renewal chain, PSURs and every milestone, each date with its rule' })
  @ApiOkResponse({ type: ProductDetailResponse })
  async detail(@CurrentActor() actor: Actor, @Param('product') product: string): Promise<ProductDetailResponse> {
    return toProductDetail(await this.products.detail(this.dataSource.manager, product, actor.scope), this.clock.today());
  }

  @Post()
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Register a product and its marketing authorisation; renewal and PSUR milestones are derived' })
  @ApiCreatedResponse({ type: ProductDetailResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateProductDto): Promise<ProductDetailResponse> {
    return toProductDetail(await this.dataSource.transaction((m) => this.products.create(m, actor, body)), this.clock.today());
  }

  @Patch(':product/authorisation')
  @Allow(REGISTER_EDITORS)
  @ApiOperation({ summary: 'Record the expiry from the Commission decision or the marketing date; derived dates are re-planned with history' })
  @ApiOkResponse({ type: ProductDetailResponse })
  async updateAuthorisation(@CurrentActor() actor: Actor, @Param('product') product: string, @Body() body: UpdateAuthorisationDto): Promise<ProductDetailResponse> {
    return toProductDetail(await this.dataSource.transaction((m) => this.products.updateAuthorisation(m, actor, product, body)), this.clock.today());
  }
}
