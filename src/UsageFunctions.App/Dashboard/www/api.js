// The public usage APIs, each called with the usage:read key in the header style that API documents.
const keyName = 'usageFunctions.readKey';

export const key = {
  get: () => sessionStorage.getItem(keyName) ?? '',
  set: (value) => sessionStorage.setItem(keyName, value),
  clear: () => sessionStorage.removeItem(keyName),
};

const authHeaders = {
  own: (k) => ({ Authorization: `Bearer ${k}` }),
  billing: (k) => ({ Authorization: `Bearer ${k}` }),
  ultravox: (k) => ({ 'X-API-Key': k }),
};

export class ApiError extends Error {
  constructor(kind, status, message) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

export async function getJson(surface, path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(params)) {
    for (const item of [].concat(value)) if (item !== undefined && item !== null && item !== '') url.searchParams.append(name, item);
  }
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json', ...authHeaders[surface](key.get()) } });
  } catch {
    throw new ApiError('network', 0, 'The app could not be reached. Check the connection and try again.');
  }
  const body = await response.json().catch(() => null);
  if (response.ok) return body;
  throw errorOf(response.status, body, response.headers.get('Retry-After'));
}

// Every API answers errors in its own shape: problem details, DRF ({detail} or field lists), FastAPI, the billing envelope.
function messageOf(body) {
  if (!body || typeof body !== 'object') return '';
  if (body.error?.message) return body.error.message;
  if (body.errors && typeof body.errors === 'object') return fieldMessages(body.errors);
  if (typeof body.detail === 'string') return body.detail;
  if (typeof body.title === 'string') return body.title;
  return fieldMessages(body);
}

function fieldMessages(fields) {
  return Object.entries(fields)
    .filter(([, v]) => Array.isArray(v))
    .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
    .join('; ');
}

function errorOf(status, body, retryAfter) {
  const said = messageOf(body);
  const wait = retryAfter ? ` Try again in ${retryAfter} s.` : ' Try again shortly.';
  if (status === 401 || status === 403)
    return new ApiError('auth', status, `This key was not accepted (${status}: ${said || 'unauthorized'}). Paste a usage:read key of your account.`);
  if (status === 503)
    return new ApiError('storage', status, `Usage storage is unavailable right now, so no figures can be read (503).${wait}`);
  if (status === 429) return new ApiError('rate', status, `Too many requests with this key (429).${wait}`);
  if (status === 400 || status === 422) return new ApiError('input', status, said || `The request was refused (${status}).`);
  return new ApiError('server', status, `The app answered ${status}${said ? `: ${said}` : ''}.`);
}
