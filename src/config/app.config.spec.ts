import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app.config';

describe('loadConfig', () => {
  it('should listen on every interface by default and on the HOST given', () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
  });

  it('should refuse a HOST that is not an address, naming the variable', () => {
    expect(() => loadConfig({ HOST: 'example.org; rm -rf' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: 'example.org' })).toThrow(/HOST must be an IP address/);
  });

  it('should serve the web application from dist/web unless WEB_DIR says otherwise, as an absolute path', () => {
    expect(loadConfig({}).webDir).toBe(resolve('dist/web'));
    expect(loadConfig({ WEB_DIR: '/srv/web' }).webDir).toBe('/srv/web');
  });
});
