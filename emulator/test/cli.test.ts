import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { Connection } from 'jsforce';

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.ts');

describe('CLI', () => {
  it('starts the demo org, prints the instance URL and a token that works, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [main, '--port', '0', '--memory', '--demo', '--scale', 'small'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const ready = new Promise<{ instanceUrl: string; accessToken: string }>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const instanceUrl = /instanceUrl\s+(\S+)/.exec(output)?.[1];
        const accessToken = /accessToken\s+(\S+)/.exec(output)?.[1];
        if (instanceUrl && accessToken) resolve({ instanceUrl, accessToken });
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const { instanceUrl, accessToken } = await ready;
    const conn = new Connection({ instanceUrl, accessToken, version: '63.0' });
    const partners = await conn.query('SELECT COUNT() FROM Channel_Partner__c');
    assert.equal(partners.totalSize, 12);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
