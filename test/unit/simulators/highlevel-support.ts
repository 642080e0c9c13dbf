import axios, { type AxiosInstance } from 'axios';
import type { HighLevelSimulator } from '../../simulators/highlevel';

/** An axios client that never throws on HTTP errors, with a token and the contacts API Version header. */
export function client(sim: HighLevelSimulator, token: string, version = '2021-07-28'): AxiosInstance {
	return axios.create({
		baseURL: sim.url,
		headers: { Authorization: `Bearer ${token}`, Version: version },
		validateStatus: () => true,
	});
}
