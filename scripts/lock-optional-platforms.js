#!/usr/bin/env node
// The npm registry this project is built against lacks some platform-specific optional binaries
// (e.g. @swc/core-darwin-arm64). npm then leaves them out of package-lock.json, and `npm ci` refuses the
// lockfile as "out of sync". This adds each missing optional platform package as an optional lock entry
// (version from its parent's optionalDependencies, os/cpu from its name), which `npm ci` skips on a
// platform it does not match. Run after `npm install`: node scripts/lock-optional-platforms.js
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
const PLATFORM = /(darwin|linux|win32|freebsd|android|openbsd|netbsd|openharmony|sunos|aix)[-_]?(x64|arm64|arm|ia32|ppc64|s390x|riscv64|loong64|wasm32)?/;
let added = 0;

for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location === '' ? '' : `${location}/`;
    const nested = `${base}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] !== undefined || packages[hoisted] !== undefined) {
      continue;
    }
    const match = PLATFORM.exec(name.split('/').pop());
    if (match === null) {
      continue;
    }
    packages[hoisted] = {
      version: version.replace(/^[\^~=]/, ''),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [match[1]],
      ...(match[2] !== undefined ? { cpu: [match[2]] } : {}),
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stderr.write(`lock-optional-platforms: added ${added} optional platform entries\n`);
