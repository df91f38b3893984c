/**
 * Compiles every LWC bundle the way the platform does (@lwc/compiler transformSync on the
 * emitted .js, the .html and the .css), and checks the emitted .js is current: what the org
 * gets is what the TypeScript says.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { transformSync } from '@lwc/compiler';
import { EMITTED_HEADER, bundleSources, listBundles } from '../../../scripts/lwc/bundles.ts';
import { stripTypes } from '../../../scripts/lwc/strip-types.ts';
import { finding } from './findings.ts';
import type { Finding } from './findings.ts';
import type { ProjectLayout } from './project.ts';

export function checkLwcCompiles(layout: ProjectLayout): { findings: Finding[]; compiledFiles: number } {
  const findings: Finding[] = [];
  let compiledFiles = 0;
  for (const bundle of listBundles(layout.lwcDir)) {
    const sources = bundleSources(bundle);
    for (const source of sources) {
      const emitted = source.replace(/\.ts$/, '.js');
      const expected = `${EMITTED_HEADER}\n${stripTypes(readFileSync(source, 'utf8'), source)}\n`;
      if (!existsSync(emitted))
        findings.push(finding('lwc-build', layout.root, source, bundle.name, 'no emitted .js: run npm run build:lwc'));
      else if (readFileSync(emitted, 'utf8') !== expected)
        findings.push(finding('lwc-build', layout.root, emitted, bundle.name, 'stale: run npm run build:lwc'));
    }
    const main = path.join(bundle.dir, `${bundle.name}.js`);
    if (!existsSync(main) && sources.length === 0) {
      findings.push(finding('lwc-compile', layout.root, bundle.dir, bundle.name, `bundle has no ${bundle.name}.ts or .js`));
      continue;
    }
    const files = [
      ...sources.map((source) => source.replace(/\.ts$/, '.js')),
      ...['html', 'css'].map((extension) => path.join(bundle.dir, `${bundle.name}.${extension}`)),
    ];
    for (const file of files) {
      if (!existsSync(file)) continue;
      try {
        transformSync(readFileSync(file, 'utf8'), file, {
          name: bundle.name,
          namespace: 'c',
          experimentalDynamicComponent: { strictSpecifier: true },
        });
        compiledFiles++;
      } catch (error) {
        findings.push(
          finding('lwc-compile', layout.root, file, bundle.name, (error as Error).message.split('\n')[0] ?? 'does not compile'),
        );
      }
    }
  }
  return { findings, compiledFiles };
}
