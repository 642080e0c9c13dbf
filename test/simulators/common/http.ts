import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SimClock } from './rate-limit';

/** A vendor request as the simulators see it: lower-case headers, parsed query and body. */
export interface SimRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string>;
	/** parsed JSON or form body; undefined when empty or unparseable (see bodyError) */
	body: unknown;
	bodyError?: string;
}

export interface SimResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string | number>;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string>;
	body: unknown;
	/** 0 when the fault injector dropped the connection */
	status: number;
	/** epoch ms when the request arrived */
	at: number;
}

export interface Violation {
	method: string;
	path: string;
	errors: string[];
}

export interface FaultConfig {
	/** answer the next `count` vendor requests (optionally only under `pathPrefix`) with `status` */
	failNext?: FailRule | FailRule[];
	/** destroy the socket of the next N vendor requests without answering */
	dropNext?: number;
	/** real milliseconds added before every vendor response */
	latencyMs?: number;
	/** forget pending faults */
	clear?: boolean;
}

interface FailRule {
	status: number;
	count: number;
	pathPrefix?: string;
}

/** What a vendor simulator plugs into the shared server. */
export interface SimulatorHooks {
	handle(request: SimRequest): SimResponse | Promise<SimResponse>;
	/** the vendor's own body and headers for an injected 429/5xx */
	faultResponse(status: number, request: SimRequest): SimResponse;
	/** forget all vendor state */
	reset(): void;
	/** vendor-specific `/__admin/*` routes, keyed `'POST seed'`, `'GET state'`, `'POST tokens'`...; return the JSON reply */
	admin: Record<string, (request: SimRequest) => unknown | Promise<unknown>>;
	/** vendor-specific keys of POST /__admin/config; returns the vendor's current config */
	configure(body: Record<string, unknown>): Record<string, unknown>;
}

export interface RunningServer {
	url: string;
	port: number;
	close(): Promise<void>;
}

const REDACTED = '[redacted]';
const SECRET_BODY_KEYS = ['client_secret', 'client_assertion', 'assertion', 'password', 'refresh_token', 'access_token'];

/**
 * The part every simulator shares: HTTP parsing, request log, violations, `/__admin/*` plumbing, fault injection and
 * the time scale. Vendor behaviour lives in the hooks.
 */
export class SimulatorServer {
	readonly clock = new SimClock();
	readonly requests: RecordedRequest[] = [];
	readonly violations: Violation[] = [];
	private failRules: FailRule[] = [];
	private dropNext = 0;
	private latencyMs = 0;

	constructor(private readonly hooks: SimulatorHooks) {}

	addViolation(method: string, path: string, errors: string[]): void {
		this.violations.push({ method, path, errors });
	}

	reset(): void {
		this.requests.length = 0;
		this.violations.length = 0;
		this.configureFaults({ clear: true, latencyMs: 0 });
		this.clock.scale = 1;
		this.hooks.reset();
	}

	/** Generic keys (`timeScale`, `faults`) are handled here, every other key by the vendor. */
	configure(body: Record<string, unknown>): Record<string, unknown> {
		const { timeScale, faults, ...vendor } = body;
		if (timeScale !== undefined) {
			if (typeof timeScale !== 'number' || timeScale <= 0) throw new Error('timeScale must be a positive number');
			this.clock.scale = timeScale;
		}
		if (faults) this.configureFaults(faults as FaultConfig);
		return {
			timeScale: this.clock.scale,
			faults: { failNext: this.failRules, dropNext: this.dropNext, latencyMs: this.latencyMs },
			...this.hooks.configure(vendor),
		};
	}

	configureFaults(faults: FaultConfig): void {
		if (faults.clear) {
			this.failRules = [];
			this.dropNext = 0;
		}
		if (faults.failNext) this.failRules.push(...[faults.failNext].flat().map((rule) => ({ ...rule })));
		if (faults.dropNext !== undefined) this.dropNext = faults.dropNext;
		if (faults.latencyMs !== undefined) this.latencyMs = faults.latencyMs;
	}

	async listen(port = 0): Promise<RunningServer> {
		const server = createServer((req, res) => {
			this.serve(req, res).catch((error: Error) => {
				this.addViolation(req.method ?? '', req.url ?? '', [`simulator error: ${error.message}`]);
				if (!res.headersSent) send(res, { status: 500, body: { statusCode: 500, message: error.message } });
			});
		});
		server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', resolve);
		});
		const actualPort = (server.address() as AddressInfo).port;
		return {
			url: `http://127.0.0.1:${actualPort}`,
			port: actualPort,
			close: async () => {
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
			},
		};
	}

	private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const request = await readRequest(req);
		if (request.path.startsWith('/__admin/')) {
			send(res, await this.admin(request));
			return;
		}
		const at = Date.now();
		const record = (status: number) =>
			this.requests.push({
				method: request.method,
				path: request.path,
				query: request.query,
				headers: redactHeaders(request.headers),
				body: redactBody(request.body),
				status,
				at,
			});
		if (this.dropNext > 0) {
			this.dropNext--;
			record(0);
			req.socket.destroy();
			return;
		}
		if (this.latencyMs > 0) await sleep(this.latencyMs);
		const rule = this.failRules.find((r) => r.count > 0 && request.path.startsWith(r.pathPrefix ?? '/'));
		let response: SimResponse;
		if (rule) {
			rule.count--;
			this.failRules = this.failRules.filter((r) => r.count > 0);
			response = this.hooks.faultResponse(rule.status, request);
		} else {
			response = await this.hooks.handle(request);
		}
		record(response.status);
		send(res, response);
	}

	private async admin(request: SimRequest): Promise<SimResponse> {
		const route = `${request.method} ${request.path.slice('/__admin/'.length).replace(/\/$/, '')}`;
		try {
			switch (route) {
				case 'GET requests':
					return { status: 200, body: this.requests };
				case 'GET violations':
					return { status: 200, body: this.violations };
				case 'POST reset':
					this.reset();
					return { status: 200, body: { reset: true } };
				case 'POST config':
					return { status: 200, body: this.configure((request.body ?? {}) as Record<string, unknown>) };
			}
			const handler = this.hooks.admin[route];
			if (!handler) return { status: 404, body: { error: `no admin route ${route}` } };
			return { status: 200, body: await handler(request) };
		} catch (error) {
			return { status: 400, body: { error: (error as Error).message } };
		}
	}
}

async function readRequest(req: IncomingMessage): Promise<SimRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks).toString('utf8');
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
	}
	const request: SimRequest = {
		method: (req.method ?? 'GET').toUpperCase(),
		path: url.pathname,
		query: searchParamsToObject(url.searchParams),
		headers,
		body: undefined,
	};
	if (raw.length === 0) return request;
	const type = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'application/x-www-form-urlencoded') {
		request.body = searchParamsToObject(new URLSearchParams(raw));
	} else {
		try {
			request.body = JSON.parse(raw);
		} catch {
			request.bodyError = `body is not valid JSON (content-type "${type}")`;
		}
	}
	return request;
}

function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
	const result: Record<string, string | string[]> = {};
	for (const [key, value] of params) {
		const existing = result[key];
		result[key] = existing === undefined ? value : [existing, value].flat();
	}
	return result;
}

function send(res: ServerResponse, response: SimResponse): void {
	const headers: Record<string, string | number> = { ...response.headers };
	let payload = '';
	if (response.body !== undefined) {
		payload = JSON.stringify(response.body);
		headers['content-type'] = 'application/json; charset=utf-8';
	}
	res.writeHead(response.status, { ...headers, 'content-length': Buffer.byteLength(payload) });
	res.end(payload);
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
	return 'authorization' in headers ? { ...headers, authorization: REDACTED } : headers;
}

function redactBody(body: unknown): unknown {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
	const copy = { ...(body as Record<string, unknown>) };
	for (const key of SECRET_BODY_KEYS) if (key in copy) copy[key] = REDACTED;
	return copy;
}
