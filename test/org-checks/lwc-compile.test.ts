/**
 * Every LWC bundle compiles with @lwc/compiler after the TypeScript build, and the emitted
 * .js is what the current .ts compiles to. Run after `npm run build:lwc` (npm test does).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { assertNoFindings, assertReported } from './lib/assertions.ts';
import { checkLwcCompiles } from './lib/lwc-compile.ts';
import { REPOSITORY, copyProject } from './lib/project.ts';

describe('LWC bundles', () => {
  it('compile with @lwc/compiler, and the emitted JavaScript is current', () => {
    const { findings, compiledFiles } = checkLwcCompiles(REPOSITORY);
    assertNoFindings(findings, 'LWC bundles that do not compile or were not rebuilt');
    assert.ok(compiledFiles > 0, 'no LWC file was compiled');
  });

  describe('on a broken copy', () => {
    const copy = copyProject();
    after(() => copy.dispose());

    it('reports a template that does not compile, and a .ts edited without a rebuild', () => {
      copy.write(
        'force-app/main/default/lwc/errorPanel/errorPanel.html',
        '<template><p onclick="handle()">{friendlyMessage}</p></template>\n',
      );
      copy.edit('force-app/main/default/lwc/errorPanel/errorPanel.ts', "'Show details'", "'Show more'");
      const { findings } = checkLwcCompiles(copy);
      assertReported(findings, 'force-app/main/default/lwc/errorPanel/errorPanel.html', 'errorPanel');
      assertReported(findings, 'force-app/main/default/lwc/errorPanel/errorPanel.js', 'errorPanel');
    });
  });
});
