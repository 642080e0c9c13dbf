// Booting workflows against real n8n (and restarting it) takes seconds, not jest's default 5.
jest.setTimeout(180_000);
