import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/**
 * Request/response validation against a vendor's OpenAPI 3.0 file.
 *
 * Built directly on ajv (the engine openapi-backend uses) rather than on openapi-backend itself: openapi-backend
 * requires @apidevtools/json-schema-ref-parser 16, an ES module that plain Node 20 can `require` but jest's module
 * runtime cannot, so the unit tests could not load it. ajv resolves every `$ref` itself, including external files
 * (`../common/common-schemas.json#/...`): each spec file is registered under its file:// URL, validators point into
 * it by JSON pointer and are compiled on first use, so a large spec loads in the time it takes to parse it.
 */

/**
 * The vendors' OpenAPI files (the contract), copied unchanged into test/specs/ so a fresh clone can test on its own;
 * test/unit/simulators/specs.test.ts fails if the copy ever differs from the team's ../shared/specs.
 */
export const SPECS_DIR = resolvePath(__dirname, '../../specs');

type Json = Record<string, unknown>;
type QueryValue = string | string[] | undefined;

export interface SpecMatch {
	operationId: string;
	/** path template as written in the spec, e.g. `/contacts/{contactId}` */
	pathTemplate: string;
	pathParams: Record<string, string>;
	/** scopes per security requirement (`security[i]` of the operation); empty when the operation declares none */
	security: Array<Record<string, string[]>>;
	/** query and form body after type coercion (numbers, booleans, arrays as the spec declares them) */
	query: Record<string, unknown>;
	errors: string[];
}

interface Operation {
	operationId: string;
	method: string;
	pathTemplate: string;
	pattern: RegExp;
	paramNames: string[];
	literalLength: number;
	pointer: string;
	node: Json;
	security: Array<Record<string, string[]>>;
}

interface CompiledRequest {
	params: Record<'path' | 'query' | 'header', ValidateFunction>;
	/** media type -> validator; `required` from the requestBody object */
	body: Map<string, ValidateFunction>;
	bodyRequired: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const loaded = new Map<string, Promise<SpecValidator>>();

export class SpecValidator {
	private readonly operations: Operation[];
	private readonly compiledRequests = new Map<string, CompiledRequest>();
	private readonly compiledResponses = new Map<string, ValidateFunction | null>();

	private constructor(
		private readonly docUrl: string,
		private readonly doc: Json,
		private readonly basePath: string,
		/** coerces strings (query, path, headers, form bodies) to the declared types */
		private readonly lenientAjv: Ajv,
		private readonly strictAjv: Ajv,
	) {
		this.operations = this.indexOperations();
	}

	/**
	 * Loads a JSON or YAML OpenAPI file and the files its `$ref`s point to. Cached per file: load once per process.
	 * `errata` replaces the schemas at the given JSON pointers of the file, in memory only, for the few places where
	 * the published spec contradicts its own documentation (each one is written down, with its evidence, in the
	 * simulator that passes it). The file itself stays unchanged.
	 */
	static async load(specFile: string, errata: Record<string, unknown> = {}): Promise<SpecValidator> {
		const file = resolvePath(specFile);
		const key = `${file} ${JSON.stringify(errata)}`;
		let pending = loaded.get(key);
		if (!pending) {
			pending = SpecValidator.build(file, errata);
			loaded.set(key, pending);
		}
		return await pending;
	}

	private static async build(file: string, errata: Record<string, unknown>): Promise<SpecValidator> {
		const docs = new Map<string, Json>();
		await loadWithExternalRefs(pathToFileURL(file).href, docs);
		const root = docs.get(pathToFileURL(file).href) as Json;
		for (const [pointer, schema] of Object.entries(errata)) replaceAtPointer(root, pointer, schema);
		const makeAjv = (coerce: boolean) => {
			const ajv = new Ajv({
				strict: false,
				allErrors: true,
				validateSchema: false,
				coerceTypes: coerce ? 'array' : false,
				useDefaults: false,
			});
			addFormats(ajv);
			for (const [url, doc] of docs) ajv.addSchema(doc, url);
			return ajv;
		};
		const docUrl = pathToFileURL(file).href;
		const doc = docs.get(docUrl)!;
		const server = ((doc.servers as Json[] | undefined)?.[0]?.url as string | undefined) ?? '';
		const basePath = new URL(server, 'http://placeholder').pathname.replace(/\/$/, '');
		return new SpecValidator(docUrl, doc, basePath, makeAjv(true), makeAjv(false));
	}

	/** The operation a request addresses, with every contract error found; undefined when the spec has no such operation. */
	match(
		method: string,
		path: string,
		query: Record<string, QueryValue>,
		headers: Record<string, string | string[] | undefined>,
		body: unknown,
	): SpecMatch | undefined {
		const found = this.find(method, path);
		if (!found) return undefined;
		const { operation, pathParams } = found;
		const compiled = this.compileRequest(operation);
		const errors: string[] = [];
		const check = (where: string, validate: ValidateFunction, data: unknown) => {
			if (!validate(data)) errors.push(...formatErrors(where, validate.errors));
		};
		const coercedQuery: Record<string, unknown> = { ...query };
		check('path', compiled.params.path, { ...pathParams });
		check('query', compiled.params.query, coercedQuery);
		check('header', compiled.params.header, lowerCaseKeys(headers));

		const contentType = mediaType(headers['content-type']);
		const hasBody = body !== undefined && body !== '';
		if (hasBody && compiled.body.size > 0) {
			const validate = compiled.body.get(contentType);
			if (validate) check('body', validate, body);
			else errors.push(`body: content-type "${contentType}" is not one of ${[...compiled.body.keys()].join(', ')}`);
		} else if (!hasBody && compiled.bodyRequired) {
			errors.push('body is required');
		}
		return {
			operationId: operation.operationId,
			pathTemplate: operation.pathTemplate,
			pathParams,
			security: operation.security,
			query: coercedQuery,
			errors,
		};
	}

	/** Errors of a response body against the spec's schema for that status; [] when the spec gives no schema. */
	validateResponse(operationId: string, status: number, body: unknown): string[] {
		const key = `${operationId} ${status}`;
		let validate = this.compiledResponses.get(key);
		if (validate === undefined) {
			validate = this.compileResponse(operationId, status);
			this.compiledResponses.set(key, validate);
		}
		if (!validate || validate(body)) return [];
		return formatErrors('response', validate.errors);
	}

	/** The operation's OpenAPI object (read-only), e.g. to read `deprecated` or scopes. */
	operation(operationId: string): Readonly<Json> | undefined {
		return this.operations.find((op) => op.operationId === operationId)?.node;
	}

	private find(method: string, rawPath: string) {
		const lower = method.toLowerCase();
		let path = rawPath.split('?')[0];
		if (this.basePath) {
			if (!path.startsWith(this.basePath)) return undefined;
			path = path.slice(this.basePath.length) || '/';
		}
		path = trimTrailingSlash(path);
		for (const operation of this.operations) {
			if (operation.method !== lower) continue;
			const hit = operation.pattern.exec(path);
			if (!hit) continue;
			const pathParams: Record<string, string> = {};
			operation.paramNames.forEach((name, i) => {
				pathParams[name] = safeDecode(hit[i + 1]);
			});
			return { operation, pathParams };
		}
		return undefined;
	}

	/** Operations sorted so literal segments win over templates (`/contacts/search` before `/contacts/{contactId}`). */
	private indexOperations(): Operation[] {
		const operations: Operation[] = [];
		const paths = (this.doc.paths ?? {}) as Record<string, Json>;
		const globalSecurity = (this.doc.security ?? []) as Array<Record<string, string[]>>;
		for (const [template, item] of Object.entries(paths)) {
			for (const method of METHODS) {
				const node = item[method] as Json | undefined;
				if (!node) continue;
				const paramNames: string[] = [];
				const normalized = trimTrailingSlash(template);
				const source = normalized
					.split(/(\{[^}]+\})/)
					.map((part) => {
						if (!part.startsWith('{')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
						paramNames.push(part.slice(1, -1));
						return '([^/]+)';
					})
					.join('');
				operations.push({
					operationId: (node.operationId as string) ?? `${method} ${template}`,
					method,
					pathTemplate: template,
					pattern: new RegExp(`^${source}$`),
					paramNames,
					literalLength: normalized.replace(/\{[^}]+\}/g, '').length,
					pointer: `/paths/${escapePointer(template)}/${method}`,
					node,
					security: (node.security as Array<Record<string, string[]>> | undefined) ?? globalSecurity,
				});
			}
		}
		return operations.sort(
			(a, b) =>
				Number(b.paramNames.length === 0) - Number(a.paramNames.length === 0) ||
				b.literalLength - a.literalLength,
		);
	}

	private compileRequest(operation: Operation): CompiledRequest {
		const cached = this.compiledRequests.get(operation.pointer);
		if (cached) return cached;
		const groups = { path: objectSchema(), query: objectSchema(), header: objectSchema() };
		const pathItemPointer = operation.pointer.replace(/\/[a-z]+$/, '');
		const declared = [
			...this.parameters(`${operation.pointer}/parameters`),
			...this.parameters(`${pathItemPointer}/parameters`),
		];
		for (const { param, pointer } of declared) {
			const where = param.in as keyof typeof groups;
			const group = groups[where];
			if (!group) continue; // cookies are not used by either vendor
			const name = where === 'header' ? (param.name as string).toLowerCase() : (param.name as string);
			if (where === 'header' && name === 'authorization') continue; // security is the simulator's job
			if (group.properties[name]) continue; // operation-level parameters override path-level ones
			group.properties[name] = param.schema ? this.ref(`${pointer}/schema`) : {};
			if (param.required || where === 'path') group.required.push(name);
		}
		const body = new Map<string, ValidateFunction>();
		let bodyRequired = false;
		const requestBody = this.resolve(`${operation.pointer}/requestBody`);
		if (requestBody) {
			bodyRequired = Boolean(requestBody.node.required);
			const content = (requestBody.node.content ?? {}) as Record<string, Json>;
			for (const [type, media] of Object.entries(content)) {
				if (!media.schema) continue;
				const ajv = type === 'application/json' ? this.strictAjv : this.lenientAjv;
				body.set(type, ajv.compile(this.ref(`${requestBody.pointer}/content/${escapePointer(type)}/schema`)));
			}
		}
		const compiled: CompiledRequest = {
			params: {
				path: this.lenientAjv.compile(groups.path),
				query: this.lenientAjv.compile(groups.query),
				header: this.lenientAjv.compile(groups.header),
			},
			body,
			bodyRequired,
		};
		this.compiledRequests.set(operation.pointer, compiled);
		return compiled;
	}

	private compileResponse(operationId: string, status: number): ValidateFunction | null {
		const operation = this.operations.find((op) => op.operationId === operationId);
		if (!operation) throw new Error(`No operation ${operationId} in ${this.docUrl}`);
		const responses = (operation.node.responses ?? {}) as Json;
		const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
		if (!key) return null;
		const response = this.resolve(`${operation.pointer}/responses/${key}`);
		const content = (response?.node.content ?? {}) as Record<string, Json>;
		const type = Object.keys(content).find((t) => t.includes('json') && content[t].schema);
		if (!response || !type) return null;
		return this.strictAjv.compile(this.ref(`${response.pointer}/content/${escapePointer(type)}/schema`));
	}

	private parameters(pointer: string): Array<{ param: Json; pointer: string }> {
		const list = this.resolve(pointer);
		if (!Array.isArray(list?.node)) return [];
		return (list.node as unknown[]).flatMap((_, i) => {
			const resolved = this.resolve(`${list.pointer}/${i}`);
			return resolved ? [{ param: resolved.node, pointer: resolved.pointer }] : [];
		});
	}

	/** Follows local `$ref`s so parameters and request bodies defined in components are found by pointer. */
	private resolve(pointer: string): { node: Json; pointer: string } | undefined {
		let current = pointer;
		for (let hops = 0; hops < 10; hops++) {
			const node = readPointer(this.doc, current) as Json | undefined;
			if (!node || typeof node !== 'object') return undefined;
			const ref = node.$ref;
			if (typeof ref !== 'string') return { node, pointer: current };
			if (!ref.startsWith('#')) throw new Error(`External $ref ${ref} outside a schema is not supported`);
			current = ref.slice(1);
		}
		throw new Error(`$ref loop at ${pointer}`);
	}

	private ref(pointer: string) {
		return { $ref: `${this.docUrl}#${encodeURI(pointer)}` };
	}
}

function replaceAtPointer(root: Json, pointer: string, value: unknown): void {
	const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
	const last = keys.pop() as string;
	let node = root;
	for (const key of keys) {
		if (!node[key] || typeof node[key] !== 'object') throw new Error(`erratum: no ${pointer} in the spec`);
		node = node[key] as Json;
	}
	if (!(last in node)) throw new Error(`erratum: no ${pointer} in the spec`);
	node[last] = value;
}

async function loadWithExternalRefs(url: string, docs: Map<string, Json>): Promise<void> {
	if (docs.has(url)) return;
	const text = await readFile(new URL(url), 'utf8');
	const doc = (url.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Json;
	docs.set(url, doc);
	const external = new Set<string>();
	collectExternalRefs(doc, url, external);
	for (const target of external) await loadWithExternalRefs(target, docs);
}

function collectExternalRefs(node: unknown, base: string, into: Set<string>): void {
	if (Array.isArray(node)) {
		for (const item of node) collectExternalRefs(item, base, into);
	} else if (node && typeof node === 'object') {
		for (const [key, value] of Object.entries(node)) {
			if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) {
				into.add(new URL(value.split('#')[0], base).href);
			} else {
				collectExternalRefs(value, base, into);
			}
		}
	}
}

function readPointer(doc: unknown, pointer: string): unknown {
	return pointer
		.split('/')
		.slice(1)
		.map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'))
		.reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], doc);
}

function escapePointer(token: string): string {
	return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function objectSchema() {
	return { type: 'object', properties: {} as Record<string, unknown>, required: [] as string[] };
}

/** One readable line per distinct error (anyOf branches repeat the same complaint). */
function formatErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
	const lines = (errors ?? []).map((error) => {
		const field = `${where}${error.instancePath.replace(/\//g, '.')}`;
		if (error.keyword === 'required') return `${field}.${String(error.params.missingProperty)} is required`;
		if (error.keyword === 'enum') {
			return `${field} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
		}
		return `${field} ${error.message ?? error.keyword}`;
	});
	return [...new Set(lines)];
}

function lowerCaseKeys(headers: Record<string, string | string[] | undefined>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

function mediaType(header: string | string[] | undefined): string {
	const value = Array.isArray(header) ? header[0] : header;
	return (value ?? 'application/json').split(';')[0].trim().toLowerCase();
}

function trimTrailingSlash(path: string): string {
	return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
