import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ROUTE_RULE, RouteRule } from './route-rules';

export interface RouteWithoutRule {
  controller: string;
  handler: string;
  method: string;
}

/** Every route handler with no @Public()/@Allow() rule. */
export function routesWithoutRule(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): RouteWithoutRule[] {
  const missing: RouteWithoutRule[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (instance === undefined || wrapper.metatype === null) {
      continue;
    }
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) {
        continue;
      }
      const rule = reflector.getAllAndOverride<RouteRule | undefined>(ROUTE_RULE, [handler, wrapper.metatype]);
      if (rule === undefined) {
        missing.push({ controller: String(wrapper.name), handler: name, method: RequestMethod[(Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined) ?? RequestMethod.GET] });
      }
    }
  }
  return missing;
}

/** Refuses to start when a route has no explicit access rule (deny by default, checked at boot). */
@Injectable()
export class RouteRulesCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing = routesWithoutRule(this.discovery, this.scanner, this.reflector);
    if (missing.length > 0) {
      throw new Error(`routes without an access rule (@Public or @Allow): ${missing.map((m) => `${m.controller}.${m.handler}`).join(', ')}`);
    }
  }
}
