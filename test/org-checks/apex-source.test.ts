/** Every Apex class and trigger parses, has its -meta.xml and is Prettier-formatted. */
import { after, describe, it } from 'node:test';
import { assertNoFindings, assertReported } from './lib/assertions.ts';
import { apexFiles, checkApexFormatting, checkApexMetaFiles, checkApexSyntax } from './lib/apex-source.ts';
import { PROBE_CLASS_FILE, addProbes } from './lib/fixtures.ts';
import { REPOSITORY, copyProject } from './lib/project.ts';

describe('Apex sources', () => {
  it('parse with the Apex grammar', () => {
    assertNoFindings(checkApexSyntax(REPOSITORY), 'Apex files with syntax errors');
  });

  it('each have a -meta.xml', () => {
    assertNoFindings(checkApexMetaFiles(REPOSITORY), 'Apex files without -meta.xml');
  });

  it('are Prettier-formatted (npm run format)', async () => {
    assertNoFindings(await checkApexFormatting(REPOSITORY), 'Apex files not formatted');
  });

  describe('on a broken copy', () => {
    const copy = copyProject();
    after(() => copy.dispose());
    addProbes(copy);
    const probe = [`${copy.root}/${PROBE_CLASS_FILE}`];

    it('accepts the valid probe class', async () => {
      assertNoFindings(checkApexSyntax(copy, probe), 'probe class syntax');
      assertNoFindings(checkApexMetaFiles(copy, probe), 'probe class meta');
      assertNoFindings(await checkApexFormatting(copy, probe, `${REPOSITORY.root}/${PROBE_CLASS_FILE}`), 'probe class format');
    });

    it('reports a syntax error with the file and line', () => {
      copy.edit(PROBE_CLASS_FILE, 'String detailLevel) {', 'String detailLevel {');
      const finding = assertReported(checkApexSyntax(copy, probe), PROBE_CLASS_FILE, 'ContractProbeController.cls');
      if (!finding.message.startsWith('line 3:')) throw new Error(`expected line 3, got: ${finding.message}`);
    });

    it('reports unformatted code and a missing -meta.xml', async () => {
      copy.edit(PROBE_CLASS_FILE, 'String detailLevel {', 'String   detailLevel) {');
      copy.remove(`${PROBE_CLASS_FILE}-meta.xml`);
      assertReported(
        await checkApexFormatting(copy, probe, `${REPOSITORY.root}/${PROBE_CLASS_FILE}`),
        PROBE_CLASS_FILE,
        'ContractProbeController.cls',
      );
      assertReported(checkApexMetaFiles(copy, probe), PROBE_CLASS_FILE, 'ContractProbeController.cls');
    });
  });

  it('finds the classes and triggers to check', () => {
    if (apexFiles(REPOSITORY).length === 0) throw new Error('no Apex found under force-app');
  });
});
