import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { SPECS_DIR } from '../../simulators/common/spec-validator';

/** The team's copy of the vendors' specs, beside the repository (absent on a machine that only has the repo). */
const SHARED_SPECS = resolve(__dirname, '../../../../shared/specs');

function digests(root: string): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const full = join(dir, name);
			if (statSync(full).isDirectory()) walk(full);
			else out[relative(root, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
		}
	};
	walk(root);
	return out;
}

describe('the vendored contract', () => {
	it('holds both vendors\' OpenAPI files', () => {
		const files = Object.keys(digests(SPECS_DIR));
		expect(files).toEqual(
			expect.arrayContaining([
				'highlevel/apps/contacts.json',
				'highlevel/common/common-schemas.json',
				'ringcentral/rc-public-openapi.yml',
			]),
		);
	});

	(existsSync(SHARED_SPECS) ? it : it.skip)('is byte-identical to ../shared/specs', () => {
		expect(digests(SPECS_DIR)).toEqual(digests(SHARED_SPECS));
	});
});
