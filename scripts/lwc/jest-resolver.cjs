// Jest resolver for the LWC tests: the sfdx-lwc-jest resolver, except that a module resolving
// to JavaScript emitted by the LWC build (a .js with a .ts beside it) resolves to the .ts, so a
// test always runs the current TypeScript, never stale output of an earlier build.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const sfdxLwcJestResolver = require('@salesforce/sfdx-lwc-jest/src/resolver.js');

const LWC_SEGMENT = `${path.sep}lwc${path.sep}`;

module.exports = function resolve(request, options) {
  const resolved = sfdxLwcJestResolver(request, options);
  if (typeof resolved === 'string' && resolved.endsWith('.js') && resolved.includes(LWC_SEGMENT)) {
    const typescript = `${resolved.slice(0, -3)}.ts`;
    if (fs.existsSync(typescript)) return typescript;
  }
  return resolved;
};
